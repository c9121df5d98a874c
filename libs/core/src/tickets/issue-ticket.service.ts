import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  Channel,
  businessDate,
  containsCprNumber,
  formatTicketNumber,
  invalid,
  openingState,
  ruleBroken,
} from '@skranke/domain';
import { Service, Site, Ticket } from '@skranke/persistence';
import { Actor } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { queuePosition } from '../state/queue-position';
import { issuedTicket, publicTicket, staffTicket } from '../views/ticket-views';
import { checkInAppointment } from './appointment-check-in';
import { claimIdempotencyKey, rememberIdempotentTicket } from './idempotency';

export interface IssueTicketInput {
  serviceId: string;
  channel: Channel;
  language?: string;
  priority?: number;
  appointmentId?: string;
  note?: string;
  flags?: string[];
  phone?: string;
  idempotencyKey?: string;
}

export type IssuedTicket = ReturnType<typeof issuedTicket> & { replayed: boolean };

@Injectable()
export class IssueTicketService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  async issue(site: Site, input: IssueTicketInput, actor: Actor): Promise<IssuedTicket> {
    if (input.note && containsCprNumber(input.note)) {
      throw invalid('cpr_number_in_note', 'The note looks like it contains a CPR number. Never write a CPR number in a note.');
    }
    const now = this.clock.now();
    const state = openingState(site.openingHours, site.timezone, now);
    if (!state.open) {
      throw ruleBroken('site_closed', `The site is closed${state.opensAt ? `; it opens ${state.opensAt.toISOString()}` : ''}.`);
    }
    return runSiteChange(this.dataSource, this.sinks, site.id, actor, now, async (tx, change) => {
      const scope = idempotencyScope(site.id, actor);
      if (input.idempotencyKey) {
        const earlier = await claimIdempotencyKey(tx, scope, input.idempotencyKey, now);
        if (earlier) return { ...(await this.describe(tx, site, earlier, now)), replayed: true };
      }
      const ticket = await this.create(tx, site, input, change);
      if (input.idempotencyKey) await rememberIdempotentTicket(tx, scope, input.idempotencyKey, ticket.id);
      const described = await this.describe(tx, site, ticket, now);
      ticket.estimateMinutes = described.estimatedWait.minutes;
      ticket.estimateLow = described.estimatedWait.low;
      ticket.estimateHigh = described.estimatedWait.high;
      await tx.getRepository(Ticket).update(ticket.id, {
        estimateMinutes: ticket.estimateMinutes,
        estimateLow: ticket.estimateLow,
        estimateHigh: ticket.estimateHigh,
      });
      change.add({
        type: 'ticket.issued',
        ticketId: ticket.id,
        counterId: null,
        payload: { ...publicTicket(ticket, null), priority: ticket.priority, channel: ticket.channel },
        staffPayload: staffTicket(ticket, null),
      });
      change.add(await this.queueState.changedEvent(tx, site.id, [ticket.serviceId]));
      return { ...described, replayed: false };
    });
  }

  private async create(tx: EntityManager, site: Site, input: IssueTicketInput, change: SiteChange): Promise<Ticket> {
    const service = await tx.getRepository(Service).findOneBy({ id: input.serviceId, siteId: site.id, active: true });
    if (!service) throw invalid('service_not_found', 'No active service with that id at this site.');
    const date = businessDate(change.now, site.timezone);
    const appointmentAt = input.appointmentId
      ? await checkInAppointment(tx, site, input.appointmentId, service.id, change.now)
      : null;
    const sequence = await nextNumber(tx, site.id, service, date);
    const repo = tx.getRepository(Ticket);
    const ticket = await repo.save(
      repo.create({
        siteId: site.id,
        serviceId: service.id,
        issuedServiceId: service.id,
        businessDate: date,
        sequence,
        number: formatTicketNumber(service.prefix, sequence),
        status: 'waiting',
        priority: input.priority ?? 0,
        channel: input.appointmentId ? 'appointment' : input.channel,
        language: input.language ?? 'da',
        appointmentId: input.appointmentId ?? null,
        appointmentAt,
        issuedAt: change.now,
        orderedAt: change.now,
        note: input.note?.trim() || null,
        flags: input.flags ?? [],
        phone: input.phone ?? null,
        trackingToken: randomBytes(24).toString('base64url'),
        issuedByUserId: change.actor.kind === 'user' ? change.actor.userId : null,
        issuedByDeviceId: change.actor.kind === 'device' ? change.actor.deviceId : null,
      }),
    );
    if (input.appointmentId) await tx.query('UPDATE appointment SET ticket_id = $2 WHERE id = $1', [input.appointmentId, ticket.id]);
    return ticket;
  }

  private async describe(tx: EntityManager, site: Site, ticket: Ticket, now: Date) {
    const { position, estimate } = await queuePosition(tx, this.queueState, site, ticket, now);
    return issuedTicket(ticket, position, estimate);
  }
}

function idempotencyScope(siteId: string, actor: Actor): string {
  const who = actor.kind === 'user' ? actor.userId : actor.kind === 'device' ? actor.deviceId : actor.kind;
  return `${siteId}:${who}`;
}

/** The next number of the day, or a 422 when the service's daily cap is reached. Row lock keeps it gapless. */
async function nextNumber(tx: EntityManager, siteId: string, service: Service, date: string): Promise<number> {
  const rows: { last_number: number }[] = await tx.query(
    `INSERT INTO number_sequence (site_id, service_id, business_date, last_number) VALUES ($1, $2, $3, 1)
     ON CONFLICT (site_id, service_id, business_date)
     DO UPDATE SET last_number = number_sequence.last_number + 1
     WHERE $4::int IS NULL OR number_sequence.last_number < $4
     RETURNING last_number`,
    [siteId, service.id, date, service.dailyCap],
  );
  if (!rows.length) {
    throw ruleBroken('daily_cap_reached', `All ${service.dailyCap} tickets for this service have been issued today.`);
  }
  return rows[0].last_number;
}
