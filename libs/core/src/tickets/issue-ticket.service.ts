import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  Channel,
  DomainError,
  businessDate,
  containsCprNumber,
  invalid,
  isOpenAt,
  nextOpening,
  ruleBroken,
  WaitEstimate,
} from '@skranke/domain';
import { Site, Ticket, sqlLiteral } from '@skranke/persistence';
import { Actor } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { ReadWithCommit, SiteChange, runSiteChange, runSiteChanges } from '../events/site-transaction';
import { activeService } from '../state/cached-rows';
import { QueueStateService } from '../state/queue-state.service';
import { placeOf, queuePosition, queuePositionWithCommit, ticketEstimate } from '../state/queue-position';
import { issuedTicket, publicTicket, staffTicket } from '../views/ticket-views';
import { checkInAppointment } from './appointment-check-in';
import { claimIdempotencyKey, claimIdempotencyKeyWithCommit, idempotencyKeyTaken } from './idempotency';
import { dailyCapReached, insertNumberedTicket } from './insert-numbered-ticket';
import { SiteBatches } from './site-batches';
import { BatchMember, inLockOrder, repeatedKeys, settle } from './ticket-batch';

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
  /** Kiosk tickets of one site that arrive together are issued together (see `SiteBatches`). */
  private readonly batches = new SiteBatches<BatchMember, IssuedTicket>((_siteId, members) => this.issueBatch(members));

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
    if (!isOpenAt(site.openingHours, site.timezone, now)) {
      const opensAt = nextOpening(site.openingHours, site.timezone, now);
      throw ruleBroken('site_closed', `The site is closed${opensAt ? `; it opens ${opensAt.toISOString()}` : ''}.`);
    }
    if (!input.idempotencyKey) return this.change(site, input, actor, now, null);
    const claim = { scope: idempotencyScope(site.id, actor), key: input.idempotencyKey };
    // A check-in claims first: a repeat must find its ticket, not an appointment already checked in.
    if (!input.appointmentId) {
      try {
        return await this.batches.submit(site.id, { site, input, actor, now, claim });
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
      const ticket = await this.issueIn(tx, site, input, change, claim);
      change.add(await this.queueState.changedEvent(tx, site.id, [ticket.serviceId]));
      // The place in line travels with the commit where it can (before the events take the site's seq lock).
      return { ticket, replayed: false, place: await queuePositionWithCommit(tx, change, site, ticket, now) };
    }, (issued: { ticket: Ticket; replayed: boolean; place?: Place | null }) =>
      this.answer(site, issued.ticket, now, issued.place ? placeOf(issued.place) : null, issued.replayed),
    ).catch((e: unknown) => {
      throw dailyCapReached(e) ?? e;
    });
  }

  /**
   * A batch of keyed walk-in tickets of one site: together in one transaction
   * where all can be issued, each on its own otherwise (a key used before, a
   * cap reached or a bad service in one member undoes the whole batch, and
   * then each member gets its own answer, as if it had come alone). A key
   * repeated within the batch (a double tap) waits for the batch and then
   * finds the ticket its first request made.
   */
  private async issueBatch(members: BatchMember[]): Promise<PromiseSettledResult<IssuedTicket>[]> {
    const repeat = repeatedKeys(members);
    const firsts = members.filter((_, i) => !repeat[i]);
    const issued = await this.issueFirsts(firsts);
    return Promise.all(members.map((m, i) => (repeat[i] ? settle(this.alone(m, 'first')) : issued[firsts.indexOf(m)])));
  }

  /** Several together when all can be issued; each on its own otherwise. */
  private async issueFirsts(members: BatchMember[]): Promise<PromiseSettledResult<IssuedTicket>[]> {
    if (members.length > 1) {
      try {
        return (await this.issueTogether(members)).map((value) => ({ status: 'fulfilled', value }));
      } catch {
        // One member's failure undid the batch: each is issued on its own below and gets its own answer.
      }
    }
    return Promise.all(members.map((m) => settle(this.alone(m, 'with-commit'))));
  }

  private alone(m: BatchMember, how: Claim['how']): Promise<IssuedTicket> {
    return this.change(m.site, m.input, m.actor, m.now, { ...m.claim, how });
  }

  /** The members in one transaction, one site change each (so each keeps its kiosk, time and key), and one `queue.changed`. */
  private async issueTogether(members: BatchMember[]): Promise<IssuedTicket[]> {
    const ordered = inLockOrder(members);
    const site = members[0].site;
    const made = await runSiteChanges(this.dataSource, this.sinks, site.id, ordered, async (tx, changes) => {
      const tickets: Ticket[] = [];
      for (const [i, m] of ordered.entries()) {
        tickets.push(await this.issueIn(tx, m.site, m.input, changes[i], { ...m.claim, how: 'with-commit' }));
      }
      changes[changes.length - 1].add(await this.queueState.changedEvent(tx, site.id, tickets.map((t) => t.serviceId)));
      return { tickets, places: await this.placesWithCommit(tx, site, tickets, changes) };
    });
    const answers: IssuedTicket[] = [];
    await Promise.all(made.tickets.map(async (t, k) => (answers[ordered[k].i] = await this.answer(site, t, ordered[k].now, made.places[k](), false))));
    return answers;
  }

  /**
   * The batch's places in line, read in the commit's round trip. Walk-ins
   * without priority of one service were numbered one after the other, so the
   * first one's place is read and the others follow it; a service with a
   * priority ticket in the batch has each one read.
   */
  private async placesWithCommit(tx: EntityManager, site: Site, tickets: Ticket[], changes: SiteChange[]): Promise<(() => number | null)[]> {
    const places: (() => number | null)[] = [];
    const leads = new Map<string, { place: Place | null; index: number }>();
    const withPriority = new Set(tickets.filter((t) => t.priority > 0).map((t) => t.serviceId));
    for (const [i, t] of tickets.entries()) {
      const lead = withPriority.has(t.serviceId) ? undefined : leads.get(t.serviceId);
      if (lead) {
        places.push(() => { const p = lead.place && placeOf(lead.place); return p === null ? null : p + (i - lead.index); });
        continue;
      }
      const place = await queuePositionWithCommit(tx, changes[i], site, t, changes[i].now);
      leads.set(t.serviceId, { place, index: i });
      places.push(() => (place ? placeOf(place) : null));
    }
    return places;
  }

  /** Numbers and creates one ticket in `change`, claiming its key and adding its `ticket.issued`. */
  private async issueIn(tx: EntityManager, site: Site, input: IssueTicketInput, change: SiteChange, claim: Claim | null): Promise<Ticket> {
    const ticket = await this.create(tx, site, input, change, claim?.how === 'first' ? claim : null);
    if (claim?.how === 'with-commit') claimIdempotencyKeyWithCommit(change, claim.scope, claim.key, ticket.id);
    change.add({
      type: 'ticket.issued',
      ticketId: ticket.id,
      counterId: null,
      payload: { ...publicTicket(ticket, null), priority: ticket.priority, channel: ticket.channel },
      staffPayload: staffTicket(ticket, null),
    });
    return ticket;
  }

  /** The answer for a committed ticket; a place not read with the commit is read now, holding no lock (a replay also gets today's estimate). */
  private async answer(site: Site, ticket: Ticket, now: Date, place: number | null, replayed: boolean): Promise<IssuedTicket> {
    if (place !== null && !replayed) return { ...issuedTicket(ticket, place, shownEstimate(ticket)), replayed };
    const { position, estimate } = await queuePosition(this.dataSource.manager, this.queueState, site, ticket, now);
    return { ...issuedTicket(ticket, position, replayed ? estimate : shownEstimate(ticket)), replayed };
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
type Place = ReadWithCommit<{ position: number }>;

function idempotencyScope(siteId: string, actor: Actor): string {
  const who = actor.kind === 'user' ? actor.userId : actor.kind === 'device' ? actor.deviceId : actor.kind;
  return `${siteId}:${who}`;
}
