import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  containsCprNumber,
  invalid,
  isOpenAt,
  nextOpening,
  ruleBroken,
  fromStored,
  storedEstimate,
} from '@skranke/domain';
import { Site, Ticket, columnList, columnValues, hydrate } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { StoredEvent, callChangeFunction, publishStored } from '../events/site-function';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { activeService } from '../state/cached-rows';
import { QueueStateService } from '../state/queue-state.service';
import { queuePosition, ticketEstimate } from '../state/queue-position';
import { issuedTicket, publicTicket, staffTicket } from '../views/ticket-views';
import { checkInAppointment } from './appointment-check-in';
import { claimIdempotencyKey, idempotencyKeyTaken } from './idempotency';
import { dailyCapReached, insertNumberedTicket } from './insert-numbered-ticket';
import { type IssueTicketInput, newTicket } from './new-ticket';
import { SiteBatches } from './site-batches';
import { BatchMember, IssueMember, inLockOrder, repeatedKeys, settle } from './ticket-batch';

export type { IssueTicketInput } from './new-ticket';

export type IssuedTicket = ReturnType<typeof issuedTicket> & { replayed: boolean };

@Injectable()
export class IssueTicketService {
  /** Kiosk tickets of one site that arrive together are issued together (see `SiteBatches`). */
  private readonly batches = new SiteBatches<BatchMember, IssuedTicket>((_siteId, members) => this.issueBatch(members));
  private readonly logger = new Logger('IssueTicket');
  private sql?: string;

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
    if (!input.idempotencyKey) {
      if (input.appointmentId) return this.change(site, input, actor, now, null);
      return (await this.issueByFunction([{ site, input, actor, now, claim: null }]))[0];
    }
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
    return this.change(site, input, actor, now, claim);
  }

  /**
   * Issues in one site transaction: an appointment's check-in, or a key used
   * before, claimed first (which may find the ticket an earlier request made).
   * The place in line is read after commit.
   */
  private change(site: Site, input: IssueTicketInput, actor: Actor, now: Date, claim: Claim | null): Promise<IssuedTicket> {
    return runSiteChange(this.dataSource, this.sinks, site.id, actor, now, async (tx, change) => {
      if (claim) {
        const earlier = await claimIdempotencyKey(tx, claim.scope, claim.key, now);
        if (earlier) return { ticket: earlier, replayed: true };
      }
      const ticket = await this.issueIn(tx, site, input, change, claim);
      change.add(await this.queueState.changedEvent(tx, site.id, [ticket.serviceId]));
      return { ticket, replayed: false };
    }, async (issued: { ticket: Ticket; replayed: boolean }) => {
      if (!issued.replayed) await this.tellEstimates(site, [issued.ticket]);
      return this.answer(site, issued.ticket, now, null, issued.replayed);
    }).catch((e: unknown) => {
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
    return Promise.all(members.map((m, i) => (repeat[i] ? settle(this.change(m.site, m.input, m.actor, m.now, m.claim)) : issued[firsts.indexOf(m)])));
  }

  /** Several together when all can be issued; each on its own otherwise. */
  private async issueFirsts(members: BatchMember[]): Promise<PromiseSettledResult<IssuedTicket>[]> {
    if (members.length > 1) {
      try {
        return (await this.issueByFunction(members)).map((value) => ({ status: 'fulfilled', value }));
      } catch {
        // One member's failure undid the batch: each is issued on its own below and gets its own answer.
      }
    }
    return Promise.all(members.map((m) => settle(this.issueByFunction([m]).then(([issued]) => issued))));
  }

  /**
   * Walk-in tickets of one site (no check-ins) in one call of
   * `skranke_issue_tickets`: each claims its key (a key used before fails the
   * whole call), takes its number, and gets its place and its `ticket.issued`
   * under its own kiosk and time; the last adds the `queue.changed`.
   */
  private async issueByFunction(members: readonly IssueMember[]): Promise<IssuedTicket[]> {
    const ordered = inLockOrder(members);
    const site = members[0].site;
    const manager = this.dataSource.manager;
    // Stored with the ticket at insert: the service's cached new-ticket estimate; told after commit (tellEstimates).
    const estimates = await this.queueState.estimates.forSite(site.id);
    const calls = await Promise.all(ordered.map(async (m) => {
      const service = await activeService(manager, site.id, m.input.serviceId);
      if (!service) throw invalid('service_not_found', 'No active service with that id at this site.');
      const ticket = newTicket(this.dataSource.manager, site, m.input, m.actor, m.now, service.id, null, estimates.newTicket.get(service.id));
      return {
        ticket: columnValues(manager, Ticket, ticket),
        prefix: service.prefix,
        cap: service.dailyCap,
        scope: m.claim?.scope ?? null,
        key: m.claim?.key ?? null,
        userId: actorUserId(m.actor),
        deviceId: actorDeviceId(m.actor),
      };
    }));
    this.sql ??= `SELECT ${columnList(manager, Ticket, '(r.o_ticket)')}, r.o_place, r.o_events FROM skranke_issue_tickets($1, $2, $3) r`;
    const rows = await callChangeFunction<IssuedRow>(this.dataSource, this.sql, [site.id, JSON.stringify(calls), Object.fromEntries(estimates.newTicket)]);
    const tickets = rows.map((row) => hydrate(manager, Ticket, row));
    // Each ticket's events at its own time; the batch's queue.changed comes with the last.
    const timeOf = (e: StoredEvent) => tickets.find((t) => t.id === e.ticketId)?.issuedAt ?? ordered[ordered.length - 1].now;
    publishStored(this.sinks, site.id, timeOf, rows[0].o_events, (e) => {
      const ticket = tickets.find((t) => t.id === e.ticketId);
      return ticket ? staffTicket(ticket, null) : undefined;
    });
    await this.tellEstimates(site, tickets);
    const answers: IssuedTicket[] = [];
    await Promise.all(tickets.map(async (t, k) => (answers[ordered[k].i] = await this.answer(site, t, ordered[k].now, Math.max(1, rows[k].o_place ?? 1), false))));
    return answers;
  }

  /** Numbers and creates one ticket in `change` (its key, if any, claimed first), adding its `ticket.issued`. */
  private async issueIn(tx: EntityManager, site: Site, input: IssueTicketInput, change: SiteChange, claim: Claim | null): Promise<Ticket> {
    const ticket = await this.create(tx, site, input, change, claim);
    change.add({
      type: 'ticket.issued',
      ticketId: ticket.id,
      counterId: null,
      payload: { ...publicTicket(ticket, null), priority: ticket.priority, channel: ticket.channel },
      staffPayload: staffTicket(ticket, null),
    });
    return ticket;
  }

  /** The answer for a committed ticket; a place not known yet is read now, holding no lock (a replay also gets today's estimate). */
  private async answer(site: Site, ticket: Ticket, now: Date, place: number | null, replayed: boolean): Promise<IssuedTicket> {
    if (place !== null && !replayed) return { ...issuedTicket(ticket, place, fromStored(ticket)), replayed };
    const { position, estimate } = await queuePosition(this.dataSource.manager, this.queueState, site, ticket, now);
    return { ...issuedTicket(ticket, position, replayed ? estimate : fromStored(ticket)), replayed };
  }

  /**
   * What each new ticket is told (issue 23): its own estimate in the room as committed, with it and every ticket
   * committed before it waiting (`current` computes the room again once the site's event head moved), not the
   * cached new-ticket estimate, which can be a ticket or two behind when tickets come close together. Stored with
   * the ticket (to be scored when it is called) and answered. The periodic cache still serves the screens.
   * A ticket no longer waiting, or a failure here, keeps the estimate stored at insert: the ticket is issued.
   */
  private async tellEstimates(site: Site, tickets: Ticket[]): Promise<void> {
    try {
      const room = await this.queueState.estimates.current(site.id);
      const told = tickets.filter((t) => room.perTicket.has(t.id));
      if (!told.length) return;
      const rows = told.map((t) => ({ id: t.id, ...storedEstimate(room.perTicket.get(t.id) ?? null) }));
      await this.dataSource.query(
        `UPDATE ticket t SET estimate_minutes = v."estimateMinutes", estimate_low = v."estimateLow", estimate_high = v."estimateHigh",
           estimate_seconds = v."estimateSeconds", estimate_low_seconds = v."estimateLowSeconds", estimate_high_seconds = v."estimateHighSeconds"
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "estimateMinutes" int, "estimateLow" int, "estimateHigh" int,
           "estimateSeconds" int, "estimateLowSeconds" int, "estimateHighSeconds" int)
         WHERE t.id = v.id`,
        [JSON.stringify(rows)],
      );
      for (const { id, ...stored } of rows) Object.assign(told.find((t) => t.id === id)!, stored);
    } catch (e) {
      this.logger.warn(`estimate at issue kept from the cache: ${(e as Error).message}`);
    }
  }

  private async create(tx: EntityManager, site: Site, input: IssueTicketInput, change: SiteChange, idempotency: Claim | null): Promise<Ticket> {
    const service = await activeService(tx, site.id, input.serviceId);
    if (!service) throw invalid('service_not_found', 'No active service with that id at this site.');
    const appointmentAt = input.appointmentId
      ? await checkInAppointment(tx, site, input.appointmentId, service.id, change.now)
      : null;
    // What a citizen drawing a ticket now is told, stored as shown: the service's new-ticket
    // estimate, known before the insert when the site's estimates are cached. A cold cache is
    // filled after the insert instead, so the first snapshot it keeps includes this ticket.
    const warm = this.queueState.estimates.isWarm(site.id);
    const estimate = warm ? (await this.queueState.estimates.forSite(site.id, tx)).newTicket.get(service.id) : undefined;
    const ticket = newTicket(this.dataSource.manager, site, input, change.actor, change.now, service.id, appointmentAt, estimate);
    if (input.appointmentId) await tx.query(`UPDATE appointment SET ticket_id = $1 WHERE id = $2`, [ticket.id, input.appointmentId]);
    const inserted = await insertNumberedTicket(tx, ticket, service, idempotency);
    if (!warm) await this.storeColdEstimate(tx, site, inserted);
    return inserted;
  }

  private async storeColdEstimate(tx: EntityManager, site: Site, t: Ticket): Promise<void> {
    const shown = storedEstimate(ticketEstimate(await this.queueState.estimates.forSite(site.id, tx), t));
    Object.assign(t, shown);
    await tx.getRepository(Ticket).update(t.id, shown);
  }
}

type Claim = { scope: string; key: string };
type IssuedRow = Record<string, unknown> & { o_place: number | null; o_events: StoredEvent[] | null };

function idempotencyScope(siteId: string, actor: Actor): string {
  const who = actor.kind === 'user' ? actor.userId : actor.kind === 'device' ? actor.deviceId : actor.kind;
  return `${siteId}:${who}`;
}
