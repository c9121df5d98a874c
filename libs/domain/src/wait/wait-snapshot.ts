/**
 * What a wait estimator sees: the state of one site at one instant. The same
 * shape is filled by the ticketing service from Postgres and by the day
 * simulator, so an estimator measured in simulation is the one in production.
 */
import { OrderingSettings, QueuedTicket } from '../queue/ordering';
import { CounterState } from '../roles';
import { DurationSummary } from './duration-stats';
import { WaitEstimate } from './simple-estimate';

export interface WaitingTicket extends QueuedTicket {
  /** When the citizen drew the ticket (the wait a citizen feels runs from here). */
  issuedAt: Date;
}

export interface BusySeat {
  serviceId: string;
  /** When this seat called its current citizen: the seat is occupied from the call. */
  startedAt: Date;
}

/** A counter as the estimators see it (its state is the domain's CounterState). */
export interface CounterSnapshot {
  id: string;
  state: CounterState;
  /** Services in the counter's order of preference. */
  serviceIds: readonly string[];
  /** Citizens served at once (a medbetjening station has several PC places). */
  seats: number;
  busy: readonly BusySeat[];
  /** Paused or closed: when it is expected to call again; null or absent: not within the estimate. */
  availableAt?: Date | null;
  /** Open: when it stops calling (end of shift); null or absent: stays open. */
  closesAt?: Date | null;
  /** A break the rota still owes this counter: `minutes` long, starting between `from` and `until`. */
  breakDue?: { from: Date; until: Date; minutes: number } | null;
}

export interface ServiceStats {
  /** Recent durations (minutes, oldest first) or a summary of them. */
  durations: DurationSummary | readonly number[];
  /** Share of calls where nobody came (left, or not answering). */
  noShowRate?: number;
  /** The share of no-shows by minutes waited at the call (patience.ts PATIENCE_EDGES); absent: `noShowRate` for all. */
  noShowByWait?: readonly number[];
  /** Counter time lost on a no-show: recalls, then the no-show mark. */
  noShowMinutes?: number;
  /**
   * Waiting citizens who leave (cancel) before their call: leaves per minute for each stretch of
   * minutes waited (patience.ts PATIENCE_EDGES). A citizen who left costs no counter time.
   */
  leaveHazard?: readonly number[];
  /** Expected walk-in arrivals per hour from now (a forecast); lets the estimate foresee overtaking. */
  arrivalsPerHour?: number;
  /** The wait of the last ticket of this service that was called (for the LES baseline). */
  lastWaitMinutes?: number | null;
}

/** A booked citizen not yet checked in: will claim a counter around their time. */
export interface UpcomingAppointment {
  serviceId: string;
  appointmentAt: Date;
  /** Historical share of booked citizens who turn up (default 0.9). */
  showProbability?: number;
}

/** How often open counters drop out unannounced (breaks, interruptions), as measured on recent days. */
export interface PauseModel {
  perCounterHour: number;
  meanMinutes: number;
}

export interface WaitSnapshot {
  now: Date;
  waiting: readonly WaitingTicket[];
  counters: readonly CounterSnapshot[];
  services: ReadonlyMap<string, ServiceStats>;
  targetWaitMinutes: ReadonlyMap<string, number>;
  ordering: OrderingSettings;
  upcomingAppointments?: readonly UpcomingAppointment[];
  /** No walk-in tickets are issued after this (kiosk closes); null or absent: no limit known. */
  arrivalsEndAt?: Date | null;
  /** Unplanned pauses to allow for in the range; absent: none. */
  pauses?: PauseModel;
}

/**
 * Every estimator, ours and the baselines, answers the same question: for
 * these waiting tickets, how many minutes from `now` until each is called.
 * Minutes are not rounded here; rounding is for display.
 */
export interface WaitEstimator {
  readonly name: string;
  /** True when low–high is a p10–p90 prediction interval worth scoring for coverage. */
  readonly hasRange: boolean;
  /** `ticketIds` narrows the work to some tickets; absent: all waiting tickets. */
  estimate(snapshot: WaitSnapshot, ticketIds?: readonly string[]): Map<string, WaitEstimate>;
}

/** The id given to the would-be ticket in estimates for a new ticket. */
export const NEW_TICKET_ID = '__new__';

/** The snapshot with one more walk-in ticket for `serviceId`, drawn now. */
export function withNewTicket(snapshot: WaitSnapshot, serviceId: string, priority = 0): WaitSnapshot {
  const ticket: WaitingTicket = {
    id: NEW_TICKET_ID,
    serviceId,
    orderedAt: snapshot.now,
    issuedAt: snapshot.now,
    priority,
    appointmentAt: null,
  };
  return { ...snapshot, waiting: [...snapshot.waiting, ticket] };
}

export function estimateNewTicketWith(estimator: WaitEstimator, snapshot: WaitSnapshot, serviceId: string): WaitEstimate {
  return estimator.estimate(withNewTicket(snapshot, serviceId), [NEW_TICKET_ID]).get(NEW_TICKET_ID)!;
}
