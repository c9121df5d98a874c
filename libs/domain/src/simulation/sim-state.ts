/**
 * The simulated site at one instant, and its translation into the rows the
 * live loader reads from the database (snapshot-rows.ts builds the snapshot
 * from them for both), holding only what production would know (no planned
 * durations, no patience, no future pauses).
 */
import { CallContext } from '../queue/ordering';
import { CounterState } from '../roles';
import { DurationSummary, lognormalSummary, momentMatchedSummary } from '../wait/duration-stats';
import { LeaveCounts, NoShowCounts, addCall, addWait, emptyLeaveCounts, emptyNoShowCounts } from '../wait/patience';
import { RoomTicketRow, ServiceRow, SnapshotRows, snapshotFromRows } from '../wait/snapshot-rows';
import { WaitSnapshot } from '../wait/wait-snapshot';
import { CitizenMeasures, DayPlan, PlannedBooking, PlannedVisit, planInstant } from './day-plan';
import { Scenario, ScenarioCounter, ScenarioService, expectedHourly } from './scenario';

/** A waiting ticket (its row as the database would hold it while it waits). */
export interface SimTicket extends RoomTicketRow {
  status: 'waiting';
  visit: PlannedVisit;
  /** Gave up without cancelling: still in the queue, will not answer the call. */
  gone: boolean;
}

export interface SimSeat {
  serviceId: string;
  startedAt: Date;
  ticket: SimTicket;
  served: boolean;
}

export interface SimCounter {
  def: ScenarioCounter;
  state: CounterState;
  seats: (SimSeat | null)[];
  pausedUntil: number;
  /** The rota's lunch break has been taken (production knows it from the pause reason). */
  lunchTaken: boolean;
  /** The current pause was given its expected length (the lunch preset). */
  lengthSaid: boolean;
  ctx: CallContext;
}

/** What the site has measured for one service so far (production keeps the same figures). */
export class ServiceTracker {
  private readonly durations: number[];
  private readonly known: DurationSummary | null;
  private readonly calls: NoShowCounts;
  /** The waits of tickets no longer waiting, and the arrival minutes of those still waiting. */
  private readonly leaves: LeaveCounts;
  private readonly waitingSince: number[] = [];
  private lastWait: number | null = null;
  private readonly walkIns: number[] = [];
  private firstRecent = 0;
  private readonly usualPerHour: number[];

  constructor(
    private readonly service: ScenarioService,
    private readonly scenario: Scenario,
    history: readonly number[],
    past?: CitizenMeasures,
  ) {
    this.calls = past ? { calls: [...past.calls.calls], noShows: [...past.calls.noShows] } : emptyNoShowCounts();
    this.leaves = past ? { left: [...past.leaves.left], waited: [...past.leaves.waited] } : emptyLeaveCounts();
    this.durations = [...history];
    this.usualPerHour = expectedHourly(scenario, service);
    const d = service.duration;
    this.known =
      scenario.stats === 'known' ? (d.kind === 'exponential' ? momentMatchedSummary(d.meanMinutes, 1) : lognormalSummary(d.meanMinutes, d.logSigma)) : null;
  }

  arrived(t: number, walkIn: boolean): void {
    this.waitingSince.push(t);
    if (walkIn) this.walkIns.push(t);
  }

  private stopsWaiting(arrivedAt: number, t: number, left: boolean): void {
    this.waitingSince.splice(this.waitingSince.indexOf(arrivedAt), 1);
    addWait(this.leaves, t - arrivedAt, left);
  }

  /** The ticket was cancelled by its citizen before being called. */
  leftQueue(arrivedAt: number, t: number): void {
    this.stopsWaiting(arrivedAt, t, true);
  }

  called(arrivedAt: number, t: number, answered: boolean): void {
    const waitMinutes = t - arrivedAt;
    this.stopsWaiting(arrivedAt, t, false);
    addCall(this.calls, waitMinutes, answered);
    this.lastWait = waitMinutes;
  }

  finished(minutes: number): void {
    if (this.known) return;
    this.durations.push(minutes);
    if (this.durations.length > 200) this.durations.splice(0, 100);
  }

  /** Counted as the database would at `t`: the waiting ones up to now. */
  private leavesAt(t: number): LeaveCounts {
    const counts = { left: [...this.leaves.left], waited: [...this.leaves.waited] };
    for (const since of this.waitingSince) addWait(counts, t - since, false);
    return counts;
  }

  /** Walk-ins drawn before `t` (as the live count: one drawn at `t` is in the room, not yet in the forecast). */
  private walkInsBefore(t: number): number {
    let n = this.walkIns.length;
    while (n > 0 && this.walkIns[n - 1] >= t) n--;
    return n;
  }

  /** What was counted by the end of the day (the next day's past measures). */
  measures(t: number): CitizenMeasures {
    return { calls: this.calls, leaves: this.leavesAt(t) };
  }

  /** The service's row as the live loader reads it from the database. */
  row(t: number): ServiceRow {
    while (this.firstRecent < this.walkIns.length && this.walkIns[this.firstRecent] <= t - 60) this.firstRecent++;
    const openLongEnough = t - this.scenario.opensAt >= 60;
    return {
      id: this.service.id,
      targetWaitMinutes: this.service.targetWaitMinutes,
      durations: this.known ?? this.durations,
      calls: this.calls,
      leaves: this.leavesAt(t),
      knownNoShowRate: this.known ? (this.service.noShowShare ?? 0) : undefined,
      usualPerHour: this.usualPerHour,
      lastHourWalkIns: openLongEnough ? this.walkInsBefore(t) - this.firstRecent : null,
      lastWaitMinutes: this.lastWait,
    };
  }
}

export interface SimSite {
  scenario: Scenario;
  plan: DayPlan;
  waiting: SimTicket[];
  counters: SimCounter[];
  trackers: Map<string, ServiceTracker>;
  targets: ReadonlyMap<string, number>;
  arrivedAt: Map<string, number>;
}

/**
 * The site's rows as the live loader reads them from the database: the room's
 * tickets, counters with their pause's expected return and today's rota
 * (shifts, the lunch still owed), per service the measured counts.
 */
export function rowsOf(site: SimSite, t: number): SnapshotRows {
  const { plan, scenario } = site;
  const tickets: RoomTicketRow[] = [...site.waiting];
  for (const c of site.counters) {
    for (const s of c.seats) if (s) tickets.push({ ...s.ticket, status: 'called', counterId: c.def.id, calledAt: s.startedAt });
  }
  const pending = (b: PlannedBooking) => !(b.visitId !== null && (site.arrivedAt.get(b.visitId) ?? Infinity) <= t);
  return {
    now: planInstant(plan, t),
    hourOfDay: Math.floor(t / 60) % 24,
    ordering: scenario.ordering,
    arrivalsEndAt: planInstant(plan, scenario.closesAt),
    services: [...site.trackers.values()].map((tracker) => tracker.row(t)),
    counters: site.counters.map((c) => {
      const lunch = c.def.lunch;
      return {
        id: c.def.id,
        state: c.state,
        serviceIds: c.def.serviceIds,
        seats: c.def.seats,
        pausedUntil: c.state === 'paused' && c.lengthSaid ? planInstant(plan, c.pausedUntil) : null,
        shifts: [{ opens: planInstant(plan, c.def.opensAt), closes: c.def.closesAt !== undefined ? planInstant(plan, c.def.closesAt) : null }],
        breakWindow:
          lunch && !c.lunchTaken && t < lunch.latest
            ? { from: planInstant(plan, lunch.earliest), until: planInstant(plan, lunch.latest), minutes: lunch.minutes }
            : null,
      };
    }),
    tickets,
    bookings: scenario.appointments
      ? plan.bookings.filter(pending).map((b) => ({ serviceId: b.serviceId, appointmentAt: planInstant(plan, b.appointmentAt) }))
      : [],
    bookingShow: scenario.appointments ?? undefined,
    noShowMinutes: scenario.noShowMinutes,
    // No measured spells away: the live loader measures none yet (a pause without a length counts as DEFAULT_PAUSE_MINUTES).
  };
}

/** What the estimators see: the rows through the live loader's own builder. */
export function snapshotOf(site: SimSite, t: number): WaitSnapshot {
  return snapshotFromRows(rowsOf(site, t));
}
