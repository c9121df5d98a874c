/**
 * Discrete-event replay of one day plan. Counters call with the real call
 * order (`pickNext` from ordering.ts); at every arrival each estimator is
 * asked for the new ticket's wait, and the record is completed with the real
 * wait (issue to call) once the ticket is called. Deterministic: the plan
 * holds all the randomness, ties are broken by scheduling order.
 */
import { pickNext } from '../queue/ordering';
import { mixSeed } from '../wait/seeded-random';
import { WaitEstimate } from '../wait/simple-estimate';
import { WaitEstimator, WaitSnapshot } from '../wait/wait-snapshot';
import { CitizenMeasures, DayPlan, PlannedVisit, generateDayPlan, planInstant } from './day-plan';
import { EventQueue } from './event-queue';
import { Scenario } from './scenario';
import { ServiceTracker, SimCounter, SimSite, SimTicket, snapshotOf } from './sim-state';

export type VisitOutcome = 'served' | 'no-show' | 'cancelled' | 'expired';

export interface VisitRecord {
  visitId: string;
  serviceId: string;
  kind: 'walk-in' | 'appointment';
  /** Minute of day the ticket was issued. */
  issuedAt: number;
  /** Waiting tickets (all services) when it was issued, itself excluded. */
  waitingOnArrival: number;
  /** Each estimator's prediction at issue, by estimator name. */
  predictions: Record<string, WaitEstimate>;
  /** Minutes from issue to call; null when never called. */
  waitMinutes: number | null;
  outcome: VisitOutcome;
}

export interface DayResult {
  seed: number;
  scenario: string;
  records: VisitRecord[];
  /** Per service, what the site counted by the end of the day, past days included. */
  measures: Record<string, CitizenMeasures>;
}

type SimEvent =
  | { at: number; kind: 'arrive'; visit: PlannedVisit }
  | { at: number; kind: 'finish'; counter: SimCounter; seat: number }
  | { at: number; kind: 'give-up'; ticket: SimTicket }
  | { at: number; kind: 'open' | 'close' | 'resume'; counter: SimCounter }
  | { at: number; kind: 'pause'; counter: SimCounter; minutes: number; lunch: boolean }
  | { at: number; kind: 'tick' };

/**
 * Watches the room as the app would (the "turn near" proof): after every event,
 * and every `tickMinutes` between them, as the app's estimates are refreshed on
 * every change and by a periodic sweep. Ticks change nothing in the day.
 */
export interface DayObserver {
  tickMinutes?: number;
  /** Further moments to observe at (e.g. when a citizen asks: the app evaluates then). */
  at?: readonly number[];
  observe(t: number, snapshot: () => WaitSnapshot): void;
}

export function simulateDay(plan: DayPlan, scenario: Scenario, estimators: readonly WaitEstimator[] = [], observer?: DayObserver): DayResult {
  const site: SimSite = {
    scenario,
    plan,
    waiting: [],
    counters: scenario.counters.map((def) => ({
      def,
      state: 'closed',
      seats: new Array(def.seats).fill(null),
      pausedUntil: 0,
      lunchTaken: false,
      lengthSaid: false,
      ctx: { serviceIds: def.serviceIds, targetWaitMinutes: new Map(), settings: scenario.ordering, now: planInstant(plan, 0) },
    })),
    trackers: new Map(scenario.services.map((s) => [s.id, new ServiceTracker(s, scenario, plan.history[s.id] ?? [], plan.pastMeasures?.[s.id])])),
    targets: new Map(scenario.services.map((s) => [s.id, s.targetWaitMinutes])),
    arrivedAt: new Map(),
  };
  for (const c of site.counters) c.ctx.targetWaitMinutes = site.targets;
  const records = new Map<string, VisitRecord>();
  const events = new EventQueue<SimEvent>();
  const counterById = new Map(site.counters.map((c) => [c.def.id, c]));
  for (const c of site.counters) {
    events.push({ at: c.def.opensAt, kind: 'open', counter: c });
    if (c.def.closesAt !== undefined) events.push({ at: c.def.closesAt, kind: 'close', counter: c });
  }
  for (const p of plan.pauses) {
    events.push({ at: p.at, kind: 'pause', counter: counterById.get(p.counterId)!, minutes: p.minutes, lunch: p.reason === 'lunch' });
  }
  for (const visit of plan.visits) events.push({ at: visit.arriveAt, kind: 'arrive', visit });
  const hardStop = scenario.closesAt + scenario.overtimeMinutes;
  if (observer?.tickMinutes) for (let t = scenario.opensAt; t <= hardStop; t += observer.tickMinutes) events.push({ at: t, kind: 'tick' });
  for (const t of observer?.at ?? []) events.push({ at: t, kind: 'tick' });

  const call = (ticket: SimTicket, counter: SimCounter, seat: number, t: number) => {
    site.waiting.splice(site.waiting.indexOf(ticket), 1);
    const record = records.get(ticket.id)!;
    const answered = ticket.visit.answersCall && !ticket.gone;
    record.waitMinutes = t - ticket.visit.arriveAt;
    record.outcome = answered ? 'served' : 'no-show';
    site.trackers.get(ticket.serviceId)!.called(ticket.visit.arriveAt, t, answered);
    counter.seats[seat] = { serviceId: ticket.serviceId, startedAt: planInstant(plan, t), ticket, served: answered };
    events.push({ at: t + (answered ? ticket.visit.serviceMinutes : scenario.noShowMinutes), kind: 'finish', counter, seat });
  };

  const dispatch = (t: number) => {
    if (site.waiting.length === 0) return;
    for (const counter of site.counters) {
      if (counter.state !== 'open') continue;
      for (let seat = 0; seat < counter.seats.length; seat++) {
        if (counter.seats[seat]) continue;
        counter.ctx.now = planInstant(plan, t);
        const next = pickNext(site.waiting, counter.ctx);
        if (!next) break;
        call(next, counter, seat, t);
      }
    }
  };

  for (let e = events.pop(); e && e.at <= hardStop; e = events.pop()) {
    const t = e.at;
    if (e.kind === 'tick') {
      observer!.observe(t, () => snapshotOf(site, t));
      continue; // nothing changed, so nothing to dispatch: the day stays the day it is without an observer
    }
    switch (e.kind) {
      case 'arrive': {
        const { visit } = e;
        const issued = planInstant(plan, t);
        const walkIn = visit.appointmentAt === null;
        const appointmentAt = walkIn ? null : planInstant(plan, visit.appointmentAt!);
        const { id, serviceId, priority } = visit;
        const ticket: SimTicket = {
          ...{ id, serviceId, orderedAt: issued, issuedAt: issued, priority, appointmentAt, visit, gone: false },
          ...{ status: 'waiting', counterId: null, calledAt: null },
        };
        site.arrivedAt.set(visit.id, t);
        site.trackers.get(visit.serviceId)!.arrived(t, walkIn);
        const record: VisitRecord = {
          visitId: id,
          serviceId,
          kind: walkIn ? 'walk-in' : 'appointment',
          issuedAt: t,
          waitingOnArrival: site.waiting.length,
          predictions: {},
          waitMinutes: null,
          outcome: 'expired',
        };
        records.set(visit.id, record);
        site.waiting.push(ticket);
        if (estimators.length) {
          const snapshot = snapshotOf(site, t);
          for (const est of estimators) record.predictions[est.name] = est.estimate(snapshot, [ticket.id]).get(ticket.id)!;
        }
        if (visit.patienceMinutes !== null) events.push({ at: t + visit.patienceMinutes, kind: 'give-up', ticket });
        break;
      }
      case 'give-up': {
        const { ticket } = e;
        if (!site.waiting.includes(ticket)) break; // called in time
        if (ticket.visit.cancelsWhenLeaving) {
          site.waiting.splice(site.waiting.indexOf(ticket), 1);
          records.get(ticket.id)!.outcome = 'cancelled';
          site.trackers.get(ticket.serviceId)!.leftQueue(ticket.visit.arriveAt, t);
        } else ticket.gone = true;
        break;
      }
      case 'finish': {
        const seat = e.counter.seats[e.seat]!;
        if (seat.served) site.trackers.get(seat.serviceId)!.finished(seat.ticket.visit.serviceMinutes);
        e.counter.seats[e.seat] = null;
        break;
      }
      case 'open':
        e.counter.state = 'open';
        break;
      case 'close':
        e.counter.state = 'closed';
        break;
      case 'pause': {
        const c = e.counter;
        if (c.state === 'closed') break;
        if (e.lunch) c.lunchTaken = true;
        // Staff choose "Frokost 30 min" for the rota's lunch; a short interruption is paused without a length.
        c.lengthSaid = e.lunch || (c.state === 'paused' && c.lengthSaid);
        c.pausedUntil = Math.max(c.state === 'paused' ? c.pausedUntil : t, t + e.minutes);
        c.state = 'paused';
        events.push({ at: c.pausedUntil, kind: 'resume', counter: c });
        break;
      }
      case 'resume':
        if (e.counter.state === 'paused' && t >= e.counter.pausedUntil) e.counter.state = 'open';
        break;
    }
    dispatch(t);
    observer?.observe(t, () => snapshotOf(site, t));
  }
  const inPlanOrder = plan.visits.filter((v) => records.has(v.id)).map((v) => records.get(v.id)!);
  const measures = Object.fromEntries([...site.trackers].map(([id, tracker]) => [id, tracker.measures(hardStop)]));
  return { seed: plan.seed, scenario: scenario.name, records: inPlanOrder, measures };
}

/**
 * The plan of a day at a site that has run before: its citizens' calls, no-shows,
 * waits and leaves on `pastDays` earlier days (other seeds), as the live loader
 * reads the 14 days before today.
 */
export function withPastDays(plan: DayPlan, scenario: Scenario, pastDays = 3): DayPlan {
  let pastMeasures: DayPlan['pastMeasures'];
  for (let d = 1; d <= pastDays; d++) {
    const earlier = { ...generateDayPlan(mixSeed(plan.seed, d), scenario), pastMeasures };
    pastMeasures = simulateDay(earlier, scenario).measures;
  }
  return { ...plan, pastMeasures };
}
