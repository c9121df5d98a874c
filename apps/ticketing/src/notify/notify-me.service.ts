import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { TurnNearWatch } from '@skranke/core';
import { conflict, invalid, normaliseContact, notFound, notificationSettings, ruleBroken, turnNearBuffer } from '@skranke/domain';
import { Ticket } from '@skranke/persistence';
import type { NotifyMeDto } from './notify.dto';
import { checkPushSubscription } from './push-subscription';

export type NotifyChannel = 'push' | 'sms' | 'email';

/**
 * The citizen asks from the ticket page to be told when the turn is near
 * (issue 20). The contact goes on the ticket (erased with it); asking again
 * replaces it, and a "turn near" not yet sent goes to the new one. The outbox
 * trigger sends "it is your turn" on the call and cancels what is pending when
 * the ticket is called or ends.
 */
@Injectable()
export class NotifyMeService {
  private readonly logger = new Logger('NotifyMe');

  constructor(
    private readonly dataSource: DataSource,
    private readonly watch: TurnNearWatch,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  /**
   * The channels a citizen of the site may ask on: configured by the operator (a channel without its variables is
   * off) and not turned off by the site's admin (settings.notifications.channels). Push first: no contact to type.
   */
  channels(siteSettings: unknown): NotifyChannel[] {
    const n = this.config.notifications;
    const configured = { push: !!n.push, sms: !!n.sms, email: !!n.email };
    const on = notificationSettings((siteSettings as { notifications?: unknown } | null)?.notifications, configured).channels;
    return (['push', 'sms', 'email'] as const).filter((c) => on[c]);
  }

  /** Whether a first "tell me when it's near" is offered to this waiting ticket now (TurnNearWatch.offered). */
  offered(siteId: string, ticketId: string, siteSettings: unknown, db?: EntityManager): Promise<boolean> {
    return this.watch.offered(siteId, ticketId, siteSettings, db);
  }

  pushKey(): { publicKey: string } {
    const push = this.config.notifications.push;
    if (!push) throw ruleBroken('channel_off', 'Web push is not configured here.', { channel: 'push' });
    return { publicKey: push.publicKey };
  }

  async ask(trackingToken: string, dto: NotifyMeDto) {
    const token = String(trackingToken).slice(0, 100);
    const ticket = await this.dataSource.getRepository(Ticket).findOneBy({ trackingToken: token });
    if (!ticket) throw notFound('ticket_not_found', 'No ticket with that tracking token.');
    const given = (['phone', 'email', 'push'] as const).filter((k) => dto[k] !== undefined && dto[k] !== null);
    if (given.length !== 1) throw invalid('notify_one_channel', 'Give exactly one of phone, email or push.');
    const channel: NotifyChannel = given[0] === 'phone' ? 'sms' : given[0];
    const contact =
      channel === 'push'
        ? JSON.stringify(checkPushSubscription(dto.push, this.config.citizenNotify.pushAllowPrivateEndpoints))
        : channel === 'sms'
          ? normaliseContact({ phone: dto.phone })!.phone!
          : normaliseContact({ email: dto.email })!.email!;
    const [site] = await this.dataSource.query(`SELECT settings FROM site WHERE id = $1`, [ticket.siteId]);
    if (!this.channels(site?.settings).includes(channel)) throw ruleBroken('channel_off', `${channel} is not offered here.`, { channel });
    if (ticket.status !== 'waiting') throw conflict('ticket_not_waiting', 'Only a waiting ticket can ask to be told when its turn is near.');
    // A first ask only while a message can still come the travel buffer before the call (asking again may change the contact).
    if (ticket.notifyContact === null && !(await this.offered(ticket.siteId, ticket.id, site?.settings)))
      throw ruleBroken('turn_already_near', 'Your turn is near already: stay in the waiting room.', { turnNearMinutes: turnNearBuffer(site?.settings) });
    // One statement: the ticket's contact, and a "turn near" written but not yet sent follows the new contact.
    const rows: { id: string; site_id: string; settings: unknown }[] = await this.dataSource.query(
      `WITH t AS (
         UPDATE ticket SET notify_channel = $2, notify_contact = $3 WHERE id = $1 AND status = 'waiting'
         RETURNING id, site_id),
       n AS (
         UPDATE notification n SET channel = $2, contact = $3 FROM t
          WHERE n.subject_id = t.id AND n.kind = 'turn-near' AND n.state = 'scheduled')
       SELECT t.id, t.site_id, s.settings FROM t JOIN site s ON s.id = t.site_id`,
      [ticket.id, channel, contact],
    );
    if (!rows.length) throw conflict('ticket_not_waiting', 'Only a waiting ticket can ask to be told when its turn is near.');
    // If the turn is near already, say so now rather than at the next refresh.
    await this.watch.evaluateNow(rows[0].site_id).catch((e) => this.logger.warn(`turn-near evaluation failed: ${e}`));
    return { number: ticket.number, channel, turnNearMinutes: turnNearBuffer(rows[0].settings) };
  }
}
