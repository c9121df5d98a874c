import { DEFAULT_ORDERING } from '../queue/ordering';
import { headOfLineEstimator, lastToEnterServiceEstimator, naiveEstimator, queueLengthEstimator } from './baseline-estimators';
import { lognormalSummary } from './duration-stats';
import { simpleEstimate } from './simple-estimate';
import { CounterSnapshot, WaitSnapshot, WaitingTicket } from './wait-snapshot';

const NOW = new Date('2025-03-03T12:00:00Z');
const ago = (m: number) => new Date(NOW.getTime() - m * 60000);
const ticket = (id: string, waited: number): WaitingTicket => {
  return { id, serviceId: 'passport', orderedAt: ago(waited), issuedAt: ago(waited), priority: 0, appointmentAt: null };
};
const busyCounter = (id: string): CounterSnapshot => {
  return { id, state: 'open', serviceIds: ['passport'], seats: 1, busy: [{ serviceId: 'passport', startedAt: ago(3) }] };
};

function snapshot(waiting: WaitingTicket[], counters: CounterSnapshot[]): WaitSnapshot {
  return {
    now: NOW,
    waiting,
    counters,
    services: new Map([['passport', { durations: { ...lognormalSummary(10, 0.5), meanMinutes: 10 }, lastWaitMinutes: 7 }]]),
    targetWaitMinutes: new Map([['passport', 15]]),
    ordering: DEFAULT_ORDERING,
  };
}

describe('baseline estimators', () => {
  // Three waiting for passports at two busy counters (and one closed): n ahead of the third is 2.
  const waiting = [ticket('a', 12), ticket('b', 6), ticket('c', 2)];
  const counters = [busyCounter('c1'), busyCounter('c2'), { ...busyCounter('c3'), state: 'closed' as const }];
  const snap = snapshot(waiting, counters);

  it('QL: (n+1)/(s·μ) with a p10–p90 from the Erlang distribution of n+1 service completions', () => {
    const c = queueLengthEstimator.estimate(snap).get('c')!;
    expect(c.minutes).toBeCloseTo((3 * 10) / 2, 9);
    expect(c.low).toBeGreaterThan(3);
    expect(c.low).toBeLessThan(15);
    expect(c.high).toBeGreaterThan(22);
    expect(c.high).toBeLessThan(30);
  });

  it('LES: the last called wait, less what the citizen has waited already', () => {
    const est = lastToEnterServiceEstimator.estimate(snap);
    expect(est.get('c')!.minutes).toBe(5);
    expect(est.get('a')!.minutes).toBe(0);
  });

  it('HOL: how long the head of the line has waited, less the own wait', () => {
    const est = headOfLineEstimator.estimate(snap);
    expect(est.get('a')!.minutes).toBe(0);
    expect(est.get('c')!.minutes).toBeCloseTo(10, 9);
  });

  it('naive: the old simpleEstimate without rounding', () => {
    const c = naiveEstimator.estimate(snap).get('c')!;
    expect(c.minutes).toBeCloseTo(10, 9);
    expect(simpleEstimate({ ahead: 2, meanServiceMinutes: 10, openCounters: 2 })).toEqual({ minutes: 10, low: 2, high: 18 });
  });

  it('all predict 0 when an open seat is idle', () => {
    const idle = snapshot([ticket('x', 0)], [{ id: 'c1', state: 'open', serviceIds: ['passport'], seats: 1, busy: [] }]);
    for (const est of [queueLengthEstimator, lastToEnterServiceEstimator, headOfLineEstimator, naiveEstimator]) {
      expect(est.estimate(idle).get('x')).toEqual({ minutes: 0, low: 0, high: 0 });
    }
  });

  it('estimates only the tickets asked for', () => {
    expect([...queueLengthEstimator.estimate(snap, ['b']).keys()]).toEqual(['b']);
  });
});
