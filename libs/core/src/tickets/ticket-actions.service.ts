import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HelpMode, Outcome, Placement, TicketAction, conflict, notFound } from '@skranke/domain';
import { DEFAULT_SITE_SETTINGS, Ticket, columnList, hydrate } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { StoredEvent, callChangeFunction, publishStored } from '../events/site-function';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { staffPayloadOf, ticketEvent } from './ticket-events';
import { lockTicket } from './ticket-rows';

/** The actions `skranke_ticket_action` takes. */
type FunctionAction = Extract<TicketAction, 'recall' | 'start' | 'no-show' | 'cancel' | 'transfer' | 'finish' | 'expire'>;

type ChangedTicketRow = Record<string, unknown> & { o_counter_name: string | null; o_events: StoredEvent[] };

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
  private sql?: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  recall(siteId: string, ticketId: string, actor: Actor) {
    return this.apply(siteId, ticketId, actor, 'recall', {});
  }

  start(siteId: string, ticketId: string, actor: Actor) {
    return this.apply(siteId, ticketId, actor, 'start', {});
  }

  noShow(siteId: string, ticketId: string, actor: Actor) {
    const noShowDefaults = { minRecalls: DEFAULT_SITE_SETTINGS.noShowMinRecalls, afterSeconds: DEFAULT_SITE_SETTINGS.noShowAfterSeconds };
    return this.apply(siteId, ticketId, actor, 'no-show', { noShowDefaults });
  }

  cancel(siteId: string, ticketId: string, actor: Actor, reason = 'cancelled') {
    return this.apply(siteId, ticketId, actor, 'cancel', { reason });
  }

  finish(siteId: string, ticketId: string, actor: Actor, input: FinishInput) {
    return this.apply(siteId, ticketId, actor, 'finish', { outcome: input.outcome, helpMode: input.helpMode ?? null });
  }

  /** The citizen keeps number and tracking link; the history stays in the event log. */
  transfer(siteId: string, ticketId: string, actor: Actor, input: TransferInput) {
    return this.apply(siteId, ticketId, actor, 'transfer', { serviceId: input.serviceId, placement: input.placement });
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
    return this.apply(siteId, ticketId, actor, 'expire', { reason });
  }

  /** One call of `skranke_ticket_action`, which guards the transition as the domain's state machine does (`nextStatus`). */
  private async apply(siteId: string, ticketId: string, actor: Actor, action: FunctionAction, input: Record<string, unknown>) {
    const now = this.clock.now();
    this.sql ??= `SELECT ${columnList(this.dataSource.manager, Ticket, '(r.o_ticket)')}, r.o_counter_name, r.o_events
      FROM skranke_ticket_action($1, skranke_ticket_hold_guard($2, $5, $3), $3, $4, $5, $6, $7, $8) r`;
    const estimates = await this.queueState.estimatesJson(siteId);
    const [row] = await callChangeFunction<ChangedTicketRow>(this.dataSource, this.sql, [
      siteId, ticketId, action, now, actorUserId(actor), actorDeviceId(actor), input, estimates,
    ]);
    const ticket = hydrate(this.dataSource.manager, Ticket, row);
    publishStored(this.sinks, siteId, now, row.o_events, staffPayloadOf(ticket, row.o_counter_name));
    return staffTicket(ticket, row.o_counter_name);
  }

  private async queueChanged(tx: EntityManager, change: SiteChange, t: Ticket, before: { status: string; serviceId: string }) {
    if (before.status !== 'waiting' && t.status !== 'waiting') return;
    const services = [...new Set([before.serviceId, t.serviceId])];
    change.add(await this.queueState.changedEvent(tx, t.siteId, services));
  }
}
