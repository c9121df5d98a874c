import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { businessDate, conflict, invalid } from '@skranke/domain';
import { Counter, Ticket, hydrate } from '@skranke/persistence';
import { Actor, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { lockCounter, loadSite } from './ticket-rows';
import { claimNextSql } from './claim-next.sql';
import { calledEvent } from './ticket-events';

@Injectable()
export class CallNextService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  /** Calls the best waiting ticket into a free seat; null when nothing waits for this counter. */
  async callNext(counterId: string, seat: number | undefined, actor: Actor, siteId: string) {
    return runSiteChange(this.dataSource, this.sinks, siteId, actor, this.clock.now(), async (tx, change) => {
      const counter = await lockCounter(tx, counterId);
      if (counter.state !== 'open') throw conflict('counter_not_open', `${counter.name} is ${counter.state}; open it before calling.`);
      const freeSeat = await this.chooseSeat(tx, counter, seat);
      const site = await loadSite(tx, counter.siteId);
      const date = businessDate(change.now, site.timezone);
      const o = site.ordering;
      const rows: unknown = await tx.query(claimNextSql(o.policy), [
        site.id, date, counter.serviceIds, change.now, counter.id, freeSeat, actorUserId(actor),
        o.priorityHeadStartMinutes, o.preferenceDecay, o.appointmentCallAheadMinutes,
      ]);
      const claimed = flattenReturning(rows);
      if (!claimed) return null;
      const ticket = hydrate(tx, Ticket, claimed);
      await this.announce(tx, change, ticket, counter);
      return staffTicket(ticket, counter.name);
    });
  }

  private async chooseSeat(tx: EntityManager, counter: Counter, seat: number | undefined): Promise<number> {
    if (seat !== undefined && (seat < 1 || seat > counter.seats)) {
      throw invalid('invalid_seat', `${counter.name} has seats 1 to ${counter.seats}.`);
    }
    const busy: { seat: number }[] = await tx.query(
      `SELECT seat FROM ticket WHERE counter_id = $1 AND status IN ('called', 'in-service')`,
      [counter.id],
    );
    const taken = new Set(busy.map((b) => b.seat));
    if (seat !== undefined) {
      if (taken.has(seat)) throw conflict('seat_busy', `Seat ${seat} at ${counter.name} still has a citizen; finish first.`);
      return seat;
    }
    for (let s = 1; s <= counter.seats; s++) if (!taken.has(s)) return s;
    throw conflict('seat_busy', `${counter.name} still has a citizen${counter.seats > 1 ? ' in every seat' : ''}; finish first.`);
  }

  private async announce(tx: EntityManager, change: SiteChange, ticket: Ticket, counter: Counter) {
    change.add(calledEvent('ticket.called', ticket, counter.name));
    change.add(await this.queueState.changedEvent(tx, counter.siteId, [ticket.serviceId]));
  }
}

/** pg returns UPDATE … RETURNING as [rows, count] through TypeORM. */
function flattenReturning(result: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0][0];
  return (result as Record<string, unknown>[])[0];
}
