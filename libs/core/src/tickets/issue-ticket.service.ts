import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  Channel,
  DomainError,
  businessDate,
  containsCprNumber,
  invalid,
  openingState,
  ruleBroken,
  WaitEstimate,
} from '@skranke/domain';
import { Site, Ticket, sqlLiteral } from '@skranke/persistence';
import { Actor } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { ReadWithCommit, SiteChange, runSiteChange } from '../events/site-transaction';
import { activeService } from '../state/cached-rows';
import { QueueStateService } from '../state/queue-state.service';
import { queuePosition, queuePositionWithCommit, ticketEstimate } from '../state/queue-position';
import { issuedTicket, publicTicket, staffTicket } from '../views/ticket-views';
import { checkInAppointment } from './appointment-check-in';
import { claimIdempotencyKey, claimIdempotencyKeyWithCommit, idempotencyKeyTaken } from './idempotency';
import { dailyCapReached, insertNumberedTicket } from './insert-numbered-ticket';

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
    if (!input.idempotencyKey) return this.change(site, input, actor, now, null);
    const claim = { scope: idempotencyScope(site.id, actor), key: input.idempotencyKey };
    // A check-in claims first: a repeat must find its ticket, not an appointment already checked in.
    if (!input.appointmentId) {
      try {
        return await this.change(site, input, actor, now, { ...claim, how: 'with-commit' });
      } catch (e) {
        // A repeat may also find the cap reached by its own first request.
        if (!idempotencyKeyTaken(e) && !(e instanceof DomainError && e.code === 'daily_cap_reached')) throw e;
      }
    }
    // The key was used before (a replay of that ticket, or a key old enough to be claimed afresh), or it is a check-in.
    return this.change(site, input, actor, now, { ...claim, how: 'first' });
  }

  /**
   * Issues in one site change. An Idempotency-Key is claimed `first` (its own
   * round trip, which may find the ticket an earlier request made) or
   * `with-commit` (no round trip of its own; it fails on a key used before).
   */
  private change(site: Site, input: IssueTicketInput, actor: Actor, now: Date, claim: Claim | null): Promise<IssuedTicket> {
    return runSiteChange(this.dataSource, this.sinks, site.id, actor, now, async (tx, change) => {
      if (claim?.how === 'first') {
        const earlier = await claimIdempotencyKey(tx, claim.scope, claim.key, now);
        if (earlier) return { ticket: earlier, replayed: true };
      }
      const ticket = await this.create(tx, site, input, change, claim?.how === 'first' ? claim : null);
      if (claim?.how === 'with-commit') claimIdempotencyKeyWithCommit(change, claim.scope, claim.key, ticket.id);
      change.add({
        type: 'ticket.issued',
        ticketId: ticket.id,
        counterId: null,
        payload: { ...publicTicket(ticket, null), priority: ticket.priority, channel: ticket.channel },
        staffPayload: staffTicket(ticket, null),
      });
      change.add(await this.queueState.changedEvent(tx, site.id, [ticket.serviceId]));
      // The place in line travels with the commit where it can (before the events take the site's seq lock).
      return { ticket, replayed: false, place: await queuePositionWithCommit(tx, change, site, ticket, now) };
    }, async (issued: { ticket: Ticket; replayed: boolean; place?: ReadWithCommit<{ position: number }> | null }) => {
      if (issued.place?.rows) {
        return { ...issuedTicket(issued.ticket, Math.max(1, issued.place.rows[0]?.position ?? 1), shownEstimate(issued.ticket)), replayed: false };
      }
      // Otherwise it is read after commit, holding no lock; a replay also gets today's estimate.
      const { position, estimate } = await queuePosition(this.dataSource.manager, this.queueState, site, issued.ticket, now);
      return { ...issuedTicket(issued.ticket, position, issued.replayed ? estimate : shownEstimate(issued.ticket)), replayed: issued.replayed };
    }).catch((e: unknown) => {
      throw dailyCapReached(e) ?? e;
    });
  }

  private async create(
    tx: EntityManager,
    site: Site,
    input: IssueTicketInput,
    change: SiteChange,
    idempotency: { scope: string; key: string } | null,
  ): Promise<Ticket> {
    const service = await activeService(tx, site.id, input.serviceId);
    if (!service) throw invalid('service_not_found', 'No active service with that id at this site.');
    const date = businessDate(change.now, site.timezone);
    const appointmentAt = input.appointmentId
      ? await checkInAppointment(tx, site, input.appointmentId, service.id, change.now)
      : null;
    // What a citizen drawing a ticket now is told, stored as shown: the service's new-ticket
    // estimate, known before the insert when the site's estimates are cached. A cold cache is
    // filled after the insert instead, so the first snapshot it keeps includes this ticket.
    const warm = this.queueState.estimates.isWarm(site.id);
    const estimate = warm ? (await this.queueState.estimates.forSite(site.id, tx)).newTicket.get(service.id) : undefined;
    const ticket = tx.getRepository(Ticket).create({
      id: randomUUID(),
      siteId: site.id,
      serviceId: service.id,
      issuedServiceId: service.id,
      businessDate: date,
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
      estimateMinutes: estimate?.minutes ?? 0,
      estimateLow: estimate?.low ?? 0,
      estimateHigh: estimate?.high ?? 0,
      issuedByUserId: change.actor.kind === 'user' ? change.actor.userId : null,
      issuedByDeviceId: change.actor.kind === 'device' ? change.actor.deviceId : null,
      // The rest as the new row holds them: the events may be made before the insert.
      ...NOT_YET,
    });
    if (input.appointmentId) {
      change.writeWithCommit(`UPDATE appointment SET ticket_id = ${sqlLiteral(ticket.id, 'uuid')} WHERE id = ${sqlLiteral(input.appointmentId, 'uuid')}`);
    }
    // With the estimate known, the number is drawn as late as can be: in the commit's round trip.
    const inserted = await insertNumberedTicket(tx, ticket, service, idempotency, warm ? change : undefined);
    if (!warm) await this.storeColdEstimate(tx, site, inserted);
    return inserted;
  }

  private async storeColdEstimate(tx: EntityManager, site: Site, t: Ticket): Promise<void> {
    const e = ticketEstimate(await this.queueState.estimates.forSite(site.id, tx), t);
    const shown = { estimateMinutes: e.minutes, estimateLow: e.low, estimateHigh: e.high };
    Object.assign(t, shown);
    await tx.getRepository(Ticket).update(t.id, shown);
  }
}

/** A new ticket's fields that only a call, the visit or its number fill in. */
const NOT_YET = {
  number: null as unknown as string,
  calledAt: null,
  startedAt: null,
  endedAt: null,
  endReason: null,
  counterId: null,
  seat: null,
  servedByUserId: null,
  recallCount: 0,
  transferCount: 0,
  outcome: null,
  helpMode: null,
  printStatus: null,
} satisfies Partial<Ticket>;

/** The estimate the ticket was given at issue. */
function shownEstimate(t: Ticket): WaitEstimate {
  return { minutes: t.estimateMinutes ?? 0, low: t.estimateLow ?? 0, high: t.estimateHigh ?? 0 };
}

type Claim = { scope: string; key: string; how: 'first' | 'with-commit' };

function idempotencyScope(siteId: string, actor: Actor): string {
  const who = actor.kind === 'user' ? actor.userId : actor.kind === 'device' ? actor.deviceId : actor.kind;
  return `${siteId}:${who}`;
}
