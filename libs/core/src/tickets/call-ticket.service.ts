import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Ticket, columnList, hydrate } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { StoredEvent, callChangeFunction, publishStored } from '../events/site-function';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { staffPayloadOf } from './ticket-events';

/**
 * "Call this number": one waiting ticket, chosen at the counter from its
 * waiting list, called into a free seat by `skranke_call_ticket` (migration
 * 1795541100000), atomic as call next and with its events; audited, because it
 * passes over whoever call next would have chosen.
 */
@Injectable()
export class CallTicketService {
  private sql?: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
    private readonly audit: AuditLog,
  ) {}

  async callTicket(counterId: string, ticketId: string, seat: number | undefined, actor: Actor, siteId: string) {
    const now = this.clock.now();
    this.sql ??= `SELECT ${columnList(this.dataSource.manager, Ticket, '(r.o_ticket)')}, r.o_counter_name, r.o_events
      FROM skranke_call_ticket(skranke_hold_guard($1, $5), $2, $3, $4, $5, $6, $7, $8) r`;
    const estimates = await this.queueState.estimatesJson(siteId);
    const [row] = await callChangeFunction<CalledRow>(this.dataSource, this.sql, [
      counterId, ticketId, now, seat ?? null, actorUserId(actor), actorDeviceId(actor), siteId, estimates,
    ]);
    const ticket = hydrate(this.dataSource.manager, Ticket, row);
    publishStored(this.sinks, siteId, now, row.o_events, staffPayloadOf(ticket, row.o_counter_name));
    await this.audit.record({
      action: 'ticket.called_specific',
      actor,
      subject: { type: 'ticket', id: ticket.id },
      siteId,
      details: { counterId, counterName: row.o_counter_name, number: ticket.number, seat: ticket.seat },
    });
    return staffTicket(ticket, row.o_counter_name);
  }
}

type CalledRow = Record<string, unknown> & { o_counter_name: string; o_events: StoredEvent[] };
