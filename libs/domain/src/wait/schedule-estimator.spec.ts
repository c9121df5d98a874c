import fc from 'fast-check';
import { CallContext, DEFAULT_ORDERING, QueuedTicket, pickNext } from '../queue/ordering';
import { lognormalMean, lognormalSummary } from './duration-stats';
import { ScheduleEstimator, estimateNewTicket, estimateWaits } from './schedule-estimator';
import { CounterSnapshot, ServiceStats, WaitSnapshot, WaitingTicket } from './wait-snapshot';

const NOW = new Date('2025-03-03T12:00:00Z');
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60000);
const SERVICES = ['passport', 'mitid', 'health-card'];
const MEANS: Record<string, number> = { passport: 8, mitid: 12, 'health-card': 4 };
const targets = new Map([['passport', 15], ['mitid', 20], ['health-card', 10]]);

function stats(logSigma: number): Map<string, ServiceStats> {
  return new Map(SERVICES.map((s) => [s, { durations: lognormalSummary(MEANS[s], logSigma) }]));
}

function ticket(id: string, serviceId: string, waitedMinutes: number, extra: Partial<WaitingTicket> = {}): WaitingTicket {
  return { id, serviceId, orderedAt: at(-waitedMinutes), issuedAt: at(-waitedMinutes), priority: 0, appointmentAt: null, ...extra };
}

function counter(id: string, serviceIds: string[], extra: Partial<CounterSnapshot> = {}): CounterSnapshot {
  return { id, state: 'open', serviceIds, seats: 1, busy: [], ...extra };
}

function snapshot(waiting: WaitingTicket[], counters: CounterSnapshot[], logSigma = 0.4): WaitSnapshot {
  return { now: NOW, waiting, counters, services: stats(logSigma), targetWaitMinutes: targets, ordering: DEFAULT_ORDERING };
}

/**
 * The reference: idle counters call one by one with pickNext, each citizen
 * taking exactly the mean (the same floating-point figure, so ties between
 * counters fall the same way).
 */
function replay(snap: WaitSnapshot): Map<string, number> {
  const free = snap.counters.map(() => 0);
  const remaining: QueuedTicket[] = [...snap.waiting];
  const calledAt = new Map<string, number>();
  for (;;) {
    let c = -1;
    for (let k = 0; k < free.length; k++) if (free[k] < Infinity && (c < 0 || free[k] < free[c])) c = k;
    if (c < 0) return calledAt;
    const ctx: CallContext = { serviceIds: snap.counters[c].serviceIds, targetWaitMinutes: targets, settings: snap.ordering, now: at(free[c]) };
    const next = pickNext(remaining, ctx);
    if (!next) {
      free[c] = Infinity;
      continue;
    }
    remaining.splice(remaining.indexOf(next), 1);
    calledAt.set(next.id, free[c]);
    free[c] += lognormalMean(lognormalSummary(MEANS[next.serviceId], 1e-9));
  }
}

describe('schedule estimator', () => {
  it('calls in exactly the order the real counters would (expected durations)', () => {
    const exact = new ScheduleEstimator({ point: 'expected', replications: 1 });
    const ticketArb = fc.record({
      service: fc.constantFrom(...SERVICES),
      waited: fc.integer({ min: 0, max: 60 }),
      priority: fc.constantFrom(0, 0, 0, 1),
      appointmentIn: fc.option(fc.integer({ min: -10, max: 30 }), { freq: 4 }),
    });
    const profileArb = fc.shuffledSubarray(SERVICES, { minLength: 1 });
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 25 }), fc.array(profileArb, { minLength: 1, maxLength: 3 }), (tickets, profiles) => {
        const waiting = tickets.map((t, i) =>
          ticket(`t${i}`, t.service, t.waited, { priority: t.priority, appointmentAt: t.appointmentIn === null ? null : at(t.appointmentIn) }),
        );
        const snap = snapshot(waiting, profiles.map((p, i) => counter(`c${i}`, p)), 1e-9);
        const expected = replay(snap);
        const got = exact.estimate(snap);
        for (const t of waiting) {
          const want = expected.get(t.id) ?? Infinity;
          const minutes = got.get(t.id)!.minutes;
          if (want === Infinity ? minutes !== Infinity : Math.abs(minutes - want) > 1e-6) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('is exactly 0 with an idle counter, and a range around the point otherwise', () => {
    const snap = snapshot([ticket('a', 'passport', 2), ticket('b', 'passport', 1)], [counter('c1', ['passport'])]);
    const est = estimateWaits(snap);
    expect(est.get('a')).toEqual({ minutes: 0, low: 0, high: 0 });
    const b = est.get('b')!;
    expect(b.low).toBeLessThan(b.minutes);
    expect(b.minutes).toBeLessThan(b.high);
    expect(b.minutes).toBeGreaterThan(5);
    expect(b.minutes).toBeLessThan(11);
    expect(estimateWaits(snap)).toEqual(est); // same snapshot, same answer
  });

  it('expects a long medbetjening to run longer still (heavy-tailed residual)', () => {
    const busyFor = (elapsed: number) =>
      estimateNewTicket(
        {
          ...snapshot([], [counter('station', ['mitid'], { busy: [{ serviceId: 'mitid', startedAt: at(-elapsed) }] })]),
          services: new Map([['mitid', { durations: lognormalSummary(20, 0.9) }]]),
        },
        'mitid',
      ).minutes;
    expect(busyFor(0)).toBeGreaterThan(10);
    expect(busyFor(60)).toBeGreaterThan(busyFor(20));
  });

  it('counts a paused counter from its return and a closed one not at all', () => {
    const waiting = [ticket('a', 'passport', 5)];
    const paused = estimateWaits(snapshot(waiting, [counter('c1', ['passport'], { state: 'paused', availableAt: at(12) })])).get('a')!;
    expect(paused).toEqual({ minutes: 12, low: 12, high: 12 });
    const closed = estimateWaits(snapshot(waiting, [counter('c1', ['passport'], { state: 'closed' })])).get('a')!;
    expect(closed.minutes).toBe(Infinity);
  });

  it('costs a new ticket about the paused counter-minutes shared by the counters, over many instants', () => {
    // 8 waiting, two counters, one away for 10 minutes: 10 counter-minutes over 2 counters, about 5 minutes.
    // Each instant seeds its own replications, so one estimate strays; their mean may not.
    const waiting = Array.from({ length: 8 }, (_, i) => ticket(`t${i}`, 'passport', 8 - i));
    const differences = Array.from({ length: 200 }, (_, i) => {
      const now = new Date(NOW.getTime() + i * 1000);
      const shifted = (minutes: number) => new Date(now.getTime() + minutes * 60000);
      const snap = (b: Partial<CounterSnapshot>) => ({ ...snapshot(waiting, [counter('a', ['passport']), counter('b', ['passport'], b)]), now });
      const open = estimateNewTicket(snap({}), 'passport').minutes;
      return estimateNewTicket(snap({ state: 'paused', availableAt: shifted(10) }), 'passport').minutes - open;
    });
    const mean = differences.reduce((a, b) => a + b, 0) / differences.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(6);
  });

  it('places a ticket by the counters that serve its service', () => {
    // Both counters busy for a while; passport is served by both, health-card only by the second.
    const busy = [{ serviceId: 'passport', startedAt: at(-1) }];
    const waiting = [ticket('p1', 'passport', 9), ticket('p2', 'passport', 8), ticket('p3', 'passport', 7), ticket('h1', 'health-card', 6)];
    const est = estimateWaits(snapshot(waiting, [counter('c1', ['passport'], { busy }), counter('c2', ['health-card', 'passport'], { busy })]));
    // c2 prefers health cards, so h1 goes at c2's first call, before most of the passports.
    expect(est.get('h1')!.minutes).toBeLessThan(est.get('p2')!.minutes);
    expect(est.get('p3')!.minutes).toBeGreaterThan(est.get('p1')!.minutes);
  });

  it('lets booked citizens due soon go first', () => {
    const base = snapshot([ticket('w', 'passport', 1)], [counter('c1', ['passport'], { busy: [{ serviceId: 'passport', startedAt: at(-4) }] })], 0.2);
    const without = estimateWaits(base).get('w')!.minutes;
    const booking = { serviceId: 'passport', appointmentAt: at(3), showProbability: 1 };
    const withBooking = estimateWaits({ ...base, upcomingAppointments: [booking] }).get('w')!.minutes;
    expect(withBooking - without).toBeGreaterThan(5);
  });

  it('estimates 200 waiting tickets at 20 counters well under 1 ms per ticket', () => {
    const waiting = Array.from({ length: 200 }, (_, i) => ticket(`t${i}`, SERVICES[i % 3], (i * 7) % 60));
    const counters = Array.from({ length: 20 }, (_, i) =>
      counter(`c${i}`, [SERVICES[i % 3], SERVICES[(i + 1) % 3]], { busy: [{ serviceId: SERVICES[i % 3], startedAt: at(-(i % 9)) }] }),
    );
    const snap = snapshot(waiting, counters);
    estimateWaits(snap);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) estimateWaits(snap);
    const perTicketMs = Number(process.hrtime.bigint() - start) / 1e6 / 5 / 200;
    expect(perTicketMs).toBeLessThan(1);
  });
});
