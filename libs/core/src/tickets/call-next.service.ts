import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, invalid, notFound } from '@skranke/domain';
import { Ticket, columnList, hydrate, preparedQuery } from '@skranke/persistence';
import { Actor, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { SiteChange, runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { staffTicket } from '../views/ticket-views';
import { ONE_ACTIVE_PER_SEAT, claimNextSql } from './claim-next.sql';
import { calledEvent } from './ticket-events';

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

  private claim(counterId: string, seat: number | undefined, actor: Actor, siteId: string) {
    return runSiteChange(this.dataSource, this.sinks, siteId, actor, this.clock.now(), async (tx, change) => {
      this.sql ??= claimNextSql(columnList(tx, Ticket, 'ticket'));
      const [row] = await preparedQuery<ClaimRow>(tx, this.sql, [counterId, change.now, seat ?? null, actorUserId(actor)]);
      if (!row || !row.claim_counter_active) throw notFound('counter_not_found', 'No counter with that id.');
      const name = row.claim_counter_name;
      if (row.claim_counter_state !== 'open') throw conflict('counter_not_open', `${name} is ${row.claim_counter_state}; open it before calling.`);
      if (seat !== undefined && (seat < 1 || seat > row.claim_counter_seats)) {
        throw invalid('invalid_seat', `${name} has seats 1 to ${row.claim_counter_seats}.`);
      }
      if (row.claim_seat === null) {
        throw conflict(
          'seat_busy',
          seat !== undefined
            ? `Seat ${seat} at ${name} still has a citizen; finish first.`
            : `${name} still has a citizen${row.claim_counter_seats > 1 ? ' in every seat' : ''}; finish first.`,
        );
      }
      if (row.id === null) return null;
      const ticket = hydrate(tx, Ticket, row);
      await this.announce(tx, change, ticket, row.claim_counter_site_id, name);
      return staffTicket(ticket, name);
    });
  }

  private async announce(tx: EntityManager, change: SiteChange, ticket: Ticket, counterSiteId: string, counterName: string) {
    change.add(calledEvent('ticket.called', ticket, counterName));
    change.add(await this.queueState.changedEvent(tx, counterSiteId, [ticket.serviceId]));
  }
}

interface ClaimRow extends Record<string, unknown> {
  claim_counter_site_id: string;
  claim_counter_name: string;
  claim_counter_state: string;
  claim_counter_active: boolean;
  claim_counter_seats: number;
  claim_seat: number | null;
  id: string | null;
}

/** The seat index refused the claim: another call at this counter took that seat after our snapshot. */
function isSeatTaken(e: unknown): boolean {
  const err = e as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  const d = err?.driverError ?? err;
  return d?.code === '23505' && d?.constraint === ONE_ACTIVE_PER_SEAT;
}
