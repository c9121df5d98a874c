/**
 * The simulated site at one instant, and its translation into the
 * WaitSnapshot the estimators read — the same shape production fills from
 * the database, holding only what production would know (no planned
 * durations, no patience, no future pauses).
 */
import { CallContext } from '../queue/ordering';
import { CounterState } from '../roles';
import { forecastArrivalsPerHour } from '../wait/arrival-forecast';
import { normalSf } from '../wait/normal-math';
import { DurationSummary, lognormalSummary, momentMatchedSummary, summariseDurations } from '../wait/duration-stats';
import { PauseModel, ServiceStats, UpcomingAppointment, WaitSnapshot, WaitingTicket } from '../wait/wait-snapshot';
import { DayPlan, PlannedBooking, PlannedVisit, planInstant } from './day-plan';
import { Scenario, ScenarioCounter, ScenarioService, expectedHourly } from './scenario';

export interface SimTicket extends WaitingTicket {
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
  ctx: CallContext;
}

const NO_SHOW_PRIOR = { rate: 0.05, weight: 20 };
const BOOKING_GRACE_MINUTES = 15;

/** What the site has measured for one service so far (production keeps the same figures). */
export class ServiceTracker {
  private readonly durations: number[];
  private summary: DurationSummary;
  private calls = 0;
  private noShows = 0;
  private lastWait: number | null = null;
  private readonly walkIns: number[] = [];
  private firstRecent = 0;
  private readonly usualPerHour: number[];

  constructor(
    private readonly service: ScenarioService,
    private readonly scenario: Scenario,
    history: readonly number[],
  ) {
    this.durations = [...history];
    this.usualPerHour = expectedHourly(scenario, service);
    const d = service.duration;
    this.summary =
      scenario.stats === 'known'
        ? d.kind === 'exponential'
          ? momentMatchedSummary(d.meanMinutes, 1)
          : lognormalSummary(d.meanMinutes, d.logSigma)
        : summariseDurations(this.durations);
  }

  arrived(t: number, walkIn: boolean): void {
    if (walkIn) this.walkIns.push(t);
  }

  called(waitMinutes: number, answered: boolean): void {
    this.calls++;
    if (!answered) this.noShows++;
    this.lastWait = waitMinutes;
  }

  finished(minutes: number): void {
    if (this.scenario.stats === 'known') return;
    this.durations.push(minutes);
    if (this.durations.length > 200) this.durations.splice(0, 100);
    this.summary = summariseDurations(this.durations);
  }

  stats(t: number): ServiceStats {
    while (this.firstRecent < this.walkIns.length && this.walkIns[this.firstRecent] <= t - 60) this.firstRecent++;
    const known = this.scenario.stats === 'known';
    const openLongEnough = t - this.scenario.opensAt >= 60;
    return {
      durations: this.summary,
      noShowRate: known ? (this.service.noShowShare ?? 0) : (this.noShows + NO_SHOW_PRIOR.rate * NO_SHOW_PRIOR.weight) / (this.calls + NO_SHOW_PRIOR.weight),
      noShowMinutes: this.scenario.noShowMinutes,
      arrivalsPerHour: forecastArrivalsPerHour({
        historyPerHour: this.usualPerHour,
        hourOfDay: Math.floor(t / 60) % 24,
        lastHourCount: openLongEnough ? this.walkIns.length - this.firstRecent : null,
      }),
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
  pauses?: PauseModel;
}

/**
 * Bookings not checked in yet. The closer (or later) the appointment, the
 * less likely a citizen who is not here yet still comes: the show rate is
 * conditioned on not having arrived, with the punctuality history gives.
 */
function upcoming(site: SimSite, t: number): UpcomingAppointment[] {
  const model = site.scenario.appointments;
  if (!model) return [];
  const list: UpcomingAppointment[] = [];
  const pending = (b: PlannedBooking) => !(b.visitId !== null && (site.arrivedAt.get(b.visitId) ?? Infinity) <= t);
  for (const b of site.plan.bookings) {
    if (b.appointmentAt + BOOKING_GRACE_MINUTES <= t || !pending(b)) continue;
    const stillToCome = model.showShare * normalSf((t - b.appointmentAt - model.arrivalMeanMinutes) / model.arrivalSdMinutes);
    const showProbability = stillToCome / (1 - model.showShare + stillToCome);
    list.push({ serviceId: b.serviceId, appointmentAt: planInstant(site.plan, b.appointmentAt), showProbability });
  }
  return list;
}

/** Unannounced spells away a site would measure over past days (lunch is in the rota, not here). */
export function pauseHistory(scenario: Scenario): PauseModel | undefined {
  let spells = 0;
  let minutes = 0;
  let hours = 0;
  for (const c of scenario.counters) {
    hours += ((c.closesAt ?? scenario.closesAt) - c.opensAt) / 60;
    if (c.interruptions) {
      spells += c.interruptions.perDay;
      minutes += (c.interruptions.perDay * (c.interruptions.minMinutes + c.interruptions.maxMinutes)) / 2;
    }
  }
  return spells > 0 ? { perCounterHour: spells / hours, meanMinutes: minutes / spells } : undefined;
}

export function snapshotOf(site: SimSite, t: number): WaitSnapshot {
  const { plan, scenario } = site;
  const services = new Map<string, ServiceStats>();
  for (const [id, tracker] of site.trackers) services.set(id, tracker.stats(t));
  return {
    now: planInstant(plan, t),
    waiting: site.waiting,
    counters: site.counters.map((c) => {
      const notYetOpen = c.state === 'closed' && t < c.def.opensAt;
      const lunch = c.def.lunch;
      return {
        id: c.def.id,
        state: c.state,
        serviceIds: c.def.serviceIds,
        seats: c.def.seats,
        busy: c.seats.filter((s): s is SimSeat => s !== null).map((s) => ({ serviceId: s.serviceId, startedAt: s.startedAt })),
        availableAt: c.state === 'paused' ? planInstant(plan, c.pausedUntil) : notYetOpen ? planInstant(plan, c.def.opensAt) : null,
        closesAt: c.def.closesAt !== undefined ? planInstant(plan, c.def.closesAt) : null,
        breakDue:
          lunch && !c.lunchTaken && t < lunch.latest
            ? { from: planInstant(plan, lunch.earliest), until: planInstant(plan, lunch.latest), minutes: lunch.minutes }
            : null,
      };
    }),
    services,
    targetWaitMinutes: site.targets,
    ordering: scenario.ordering,
    upcomingAppointments: upcoming(site, t),
    arrivalsEndAt: planInstant(plan, scenario.closesAt),
    pauses: site.pauses,
  };
}
