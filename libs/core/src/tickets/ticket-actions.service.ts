import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventType,
  HelpMode,
  Outcome,
  Placement,
  TicketAction,
  assertNoShowAllowed,
  conflict,
  notFound,
  nextStatus,
  placementTime,
  ruleBroken,
} from '@skranke/domain';
import { Ticket, siteSettings } from '@skranke/persistence';
import { Actor } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { ticketEvent } from './ticket-events';
import { counterName, loadService, loadSite, lockTicket, ticketChangesSql } from './ticket-rows';

const EVENT_OF: Partial<Record<TicketAction, EventType>> = {
  recall: 'ticket.recalled',
  start: 'ticket.started',
  'no-show': 'ticket.no-show',
  cancel: 'ticket.cancelled',
  finish: 'ticket.finished',
  transfer: 'ticket.transferred',
  expire: 'ticket.expired',
  requeue: 'ticket.updated',
};

export interface FinishInput {
  outcome: Outcome;
  helpMode?: HelpMode;
}

export interface TransferInput {
  serviceId: string;
  placement: Placement;
}

/** Every counter-side change to a called or waiting ticket; one transaction each, with its events. */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  recall(siteId: string, ticketId: string, actor: Actor) {
    // called_at stays the first call: it measures the wait, and the no-show rule counts from it.
    return this.apply(siteId, ticketId, actor, 'recall', (t) => {
      t.recallCount += 1;
    });
  }

  start(siteId: string, ticketId: string, actor: Actor) {
    return this.apply(siteId, ticketId, actor, 'start', (t, now) => {
      t.startedAt = now;
    });
  }

  noShow(siteId: string, ticketId: string, actor: Actor) {
    return this.apply(siteId, ticketId, actor, 'no-show', async (t, now, tx) => {
      const settings = siteSettings((await loadSite(tx, siteId)).settings);
      assertNoShowAllowed(t, now, { minRecalls: settings.noShowMinRecalls, afterSeconds: settings.noShowAfterSeconds });
      t.endedAt = now;
      t.endReason = 'no-show';
    });
  }

  cancel(siteId: string, ticketId: string, actor: Actor, reason = 'cancelled') {
    return this.apply(siteId, ticketId, actor, 'cancel', (t, now) => {
      t.endedAt = now;
      t.endReason = reason;
    });
  }

  finish(siteId: string, ticketId: string, actor: Actor, input: FinishInput) {
    return this.apply(siteId, ticketId, actor, 'finish', (t, now) => {
      t.startedAt ??= now;
      t.endedAt = now;
      t.outcome = input.outcome;
      t.helpMode = input.helpMode ?? null;
    });
  }

  /** The citizen keeps number and tracking link; the history stays in the event log. */
  transfer(siteId: string, ticketId: string, actor: Actor, input: TransferInput) {
    return this.apply(siteId, ticketId, actor, 'transfer', async (t, now, tx) => {
      const target = await loadService(tx, siteId, input.serviceId);
      if (target.id === t.serviceId && t.status === 'waiting') {
        throw ruleBroken('same_service', 'The ticket already waits for that service.');
      }
      const [head] = await tx.query(
        `SELECT min(ordered_at) AS at FROM ticket WHERE site_id = $1 AND business_date = $2 AND service_id = $3 AND status = 'waiting'`,
        [siteId, t.businessDate, target.id],
      );
      const from = t.serviceId;
      Object.assign(t, {
        serviceId: target.id,
        orderedAt: placementTime(input.placement, t.issuedAt, now, head?.at ? new Date(head.at) : null),
        counterId: null,
        seat: null,
        calledAt: null,
        startedAt: null,
        recallCount: 0,
        transferCount: t.transferCount + 1,
      });
      return { fromServiceId: from, toServiceId: target.id, placement: input.placement };
    });
  }

  /** A floor-walker or supervisor changes a waiting ticket's priority group; the ordering gives it the head start. */
  reprioritise(siteId: string, ticketId: string, actor: Actor, priority: number) {
    return runSiteChange(this.dataSource, this.sinks, siteId, actor, this.clock.now(), async (tx, change) => {
      const ticket = await lockTicket(tx, ticketId);
      if (ticket.siteId !== siteId) throw notFound('ticket_not_found', 'No ticket with that id.'); // as for none: a site's staff learn nothing of other sites' ids
      if (ticket.status !== 'waiting') throw conflict('illegal_transition', `A ticket that is ${ticket.status} cannot be re-prioritised.`);
      const previousPriority = ticket.priority;
      ticket.priority = priority;
      await tx.getRepository(Ticket).update(ticket.id, { priority });
      change.add(ticketEvent('ticket.updated', ticket, null, { priority, previousPriority }));
      await this.queueChanged(tx, change, ticket, ticket);
      return staffTicket(ticket, null);
    });
  }

  /** Day close and counters closing use these without a staff member. */
  expire(siteId: string, ticketId: string, actor: Actor, reason: string) {
    return this.apply(siteId, ticketId, actor, 'expire', (t, now) => {
      t.endedAt = now;
      t.endReason = reason;
    });
  }

  private apply(
    siteId: string,
    ticketId: string,
    actor: Actor,
    action: TicketAction,
    mutate: (t: Ticket, now: Date, tx: EntityManager) => unknown,
  ) {
    return runSiteChange(this.dataSource, this.sinks, siteId, actor, this.clock.now(), async (tx, change) => {
      const ticket = await lockTicket(tx, ticketId);
      if (ticket.siteId !== siteId) throw notFound('ticket_not_found', 'No ticket with that id.'); // as for none: a site's staff learn nothing of other sites' ids
      const before = { status: ticket.status, serviceId: ticket.serviceId, counterId: ticket.counterId };
      const status = nextStatus(ticket.status, action);
      const extra = (await mutate(ticket, change.now, tx)) ?? {};
      ticket.status = status;
      // A change that leaves the waiting room alone travels with the commit; one that touches it is
      // written now, as the estimates for its queue.changed may read the waiting tickets first.
      if (before.status !== 'waiting' && status !== 'waiting') change.writeWithCommit(ticketChangesSql(ticket));
      else await tx.query(ticketChangesSql(ticket));
      const name = await counterName(tx, ticket.counterId ?? before.counterId);
      change.add(ticketEvent(EVENT_OF[action]!, ticket, name, { ...extra, counterId: ticket.counterId ?? before.counterId }));
      await this.queueChanged(tx, change, ticket, before);
      return staffTicket(ticket, name);
    });
  }

  private async queueChanged(tx: EntityManager, change: SiteChange, t: Ticket, before: { status: string; serviceId: string }) {
    if (before.status !== 'waiting' && t.status !== 'waiting') return;
    const services = [...new Set([before.serviceId, t.serviceId])];
    change.add(await this.queueState.changedEvent(tx, t.siteId, services));
  }
}
