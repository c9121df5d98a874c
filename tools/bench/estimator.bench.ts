/**
 * Wait-estimator and simulator speed. The estimator must recompute every
 * waiting ticket's estimate for a busy site (200 waiting, 20 counters) in
 * well under 1 ms per ticket; the simulator must replay far more than one
 * day per second.
 */
import { generateDayPlan, sampleDuration } from '../../libs/domain/src/simulation/day-plan';
import { simulateDay } from '../../libs/domain/src/simulation/day-simulator';
import { daySeed } from '../../libs/domain/src/simulation/evaluate';
import { realisticScenario } from '../../libs/domain/src/simulation/realistic-scenario';
import { DEFAULT_ORDERING } from '../../libs/domain/src/queue/ordering';
import { BASELINE_ESTIMATORS } from '../../libs/domain/src/wait/baseline-estimators';
import { ScheduleEstimator, estimateWaits } from '../../libs/domain/src/wait/schedule-estimator';
import { sfc32 } from '../../libs/domain/src/wait/seeded-random';
import { CounterSnapshot, ServiceStats, WaitSnapshot, WaitingTicket } from '../../libs/domain/src/wait/wait-snapshot';

/** A large site at its busiest: 200 waiting tickets over 7 services, 20 counters with overlapping profiles. */
export function busySnapshot(waiting = 200, counters = 20): WaitSnapshot {
  const scenario = realisticScenario();
  const rng = sfc32(42);
  const now = new Date('2025-03-03T12:00:00Z');
  const ids = scenario.services.map((s) => s.id);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)];
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60000);
  const tickets: WaitingTicket[] = Array.from({ length: waiting }, (_, i) => {
    const booked = rng.next() < 0.1;
    const issued = minutesAgo(rng.next() * 60);
    return {
      id: `t${i}`,
      serviceId: pick(ids),
      orderedAt: issued,
      issuedAt: issued,
      priority: rng.next() < 0.03 ? 1 : 0,
      appointmentAt: booked ? new Date(now.getTime() + (rng.next() * 40 - 10) * 60000) : null,
    };
  });
  const counterStates: CounterSnapshot[] = Array.from({ length: counters }, (_, i) => {
    const seats = i % 10 === 9 ? 4 : 1;
    const profile = [...ids].sort(() => rng.next() - 0.5).slice(0, 2 + (i % 4));
    return {
      id: `c${i}`,
      state: i % 7 === 6 ? 'paused' : 'open',
      serviceIds: profile,
      seats,
      busy: Array.from({ length: seats }, () => ({ serviceId: profile[0], startedAt: minutesAgo(rng.next() * 15) })),
      availableAt: i % 7 === 6 ? new Date(now.getTime() + 10 * 60000) : null,
    };
  });
  const services = new Map<string, ServiceStats>(
    scenario.services.map((s) => [s.id, { durations: Array.from({ length: 50 }, () => sampleDuration(s.duration, rng)), noShowRate: 0.05, arrivalsPerHour: 8 }]),
  );
  return {
    now,
    waiting: tickets,
    counters: counterStates,
    services,
    targetWaitMinutes: new Map(scenario.services.map((s) => [s.id, s.targetWaitMinutes])),
    ordering: DEFAULT_ORDERING,
    arrivalsEndAt: new Date('2025-03-03T17:00:00Z'),
    pauses: { perCounterHour: 0.2, meanMinutes: 6.5 },
  };
}

function timeIt(fn: () => void, minMs = 1000): number {
  fn(); // warm up the JIT
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / runs; // ms per run
}

export async function run(): Promise<Record<string, unknown>> {
  const snapshot = busySnapshot();
  const allMs = timeIt(() => estimateWaits(snapshot));
  const pointOnly = new ScheduleEstimator({ replications: 1 }, 'one-run');
  const oneRunMs = timeIt(() => pointOnly.estimate(snapshot));

  const scenario = realisticScenario();
  const plans = Array.from({ length: 20 }, (_, d) => generateDayPlan(daySeed(1, d), scenario));
  const daysPerSecond = (estimators: Parameters<typeof simulateDay>[2]) => {
    let day = 0;
    const ms = timeIt(() => simulateDay(plans[day++ % plans.length], scenario, estimators), 2000);
    return Math.round(1000 / ms);
  };
  return {
    estimator: {
      waitingTickets: snapshot.waiting.length,
      counters: snapshot.counters.length,
      replications: 40,
      allEstimatesMs: +allMs.toFixed(3),
      perTicketMicroseconds: +((allMs * 1000) / snapshot.waiting.length).toFixed(1),
      oneReplicationMs: +oneRunMs.toFixed(3),
      targetPerTicketMicroseconds: 1000,
    },
    simulator: {
      scenario: scenario.name,
      visitsPerDay: Math.round(plans.reduce((s, p) => s + p.visits.length, 0) / plans.length),
      daysPerSecondNoEstimators: daysPerSecond([]),
      daysPerSecondWithAllEstimators: daysPerSecond([new ScheduleEstimator(), ...BASELINE_ESTIMATORS]),
    },
  };
}

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
