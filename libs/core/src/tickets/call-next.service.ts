import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { conflict } from '@skranke/domain';
import { Ticket, columnList, hydrate } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { StoredEvent, callChangeFunction, publishStored } from '../events/site-function';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { ONE_ACTIVE_PER_SEAT } from './claim-next.sql';
import { staffPayloadOf } from './ticket-events';

@Injectable()
export class CallNextService {
  private sql?: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  /** Calls the best waiting ticket into a free seat; null when nothing waits for this counter. */
  async callNext(counterId: string, seat: number | undefined, actor: Actor, siteId: string) {
    try {
      return await this.claim(counterId, seat, actor, siteId);
    } catch (e) {
      // Another call at this counter took the seat after our snapshot (a double tap):
      // with a seat asked for it is busy; without, try once more for another free seat.
      if (!isSeatTaken(e)) throw e;
      if (seat !== undefined) throw conflict('seat_busy', `Seat ${seat} still has a citizen; finish first.`);
      try {
        return await this.claim(counterId, seat, actor, siteId);
      } catch (again) {
        if (isSeatTaken(again)) throw conflict('seat_busy', 'Every seat at this counter still has a citizen; finish first.');
        throw again;
      }
    }
  }

  /** One call of `skranke_call_next`: the claim of claim-next.sql.ts, its refusals and its events. */
  private async claim(counterId: string, seat: number | undefined, actor: Actor, siteId: string) {
    const now = this.clock.now();
    this.sql ??= `SELECT ${columnList(this.dataSource.manager, Ticket, '(r.o_ticket)')}, r.o_counter_name, r.o_events
      FROM skranke_call_next(skranke_hold_guard($1, $4), $2, $3, $4, $5, $6, $7) r`;
    const estimates = await this.queueState.estimatesJson(siteId);
    const [row] = await callChangeFunction<CalledRow>(this.dataSource, this.sql, [
      counterId, now, seat ?? null, actorUserId(actor), actorDeviceId(actor), siteId, estimates,
    ]);
    if (row.id === null) return null;
    const ticket = hydrate(this.dataSource.manager, Ticket, row);
    publishStored(this.sinks, siteId, now, row.o_events, staffPayloadOf(ticket, row.o_counter_name));
    return staffTicket(ticket, row.o_counter_name);
  }
}

type CalledRow = Record<string, unknown> & { id: string | null; o_counter_name: string; o_events: StoredEvent[] };

/** The seat index refused the claim: another call at this counter took that seat after our snapshot. */
function isSeatTaken(e: unknown): boolean {
  const err = e as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  const d = err?.driverError ?? err;
  return d?.code === '23505' && d?.constraint === ONE_ACTIVE_PER_SEAT;
}
