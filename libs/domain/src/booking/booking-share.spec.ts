import fc from 'fast-check';
import { erlangC } from '../wait/erlang-c';
import { DEFAULT_MAX_BOOKING_SHARE, WalkInLoad, computedBookingShare, walkInServiceLevel } from './booking-share';

/**
 * The default booking share is the largest (in 5 % steps, up to the cap) at
 * which the walk-ins forecast for an interval still meet their waiting-time
 * target by Erlang C, with the counters working for them at (1 − share) of
 * their pace.
 */
const STEP = 0.05;

/** The walk-ins' service level by Erlang C directly: ⌈n⌉ counters, each at n/⌈n⌉ × (1 − share) of its pace. */
function oracleLevel(load: WalkInLoad, share: number): number {
  if (load.arrivalsPerHour <= 0) return 1;
  const counters = Math.ceil(load.servers);
  const meanServiceTime = load.meanServiceMinutes / ((load.servers / counters) * (1 - share));
  return erlangC({ arrivalRate: load.arrivalsPerHour / 60, meanServiceTime }, counters, load.targetMinutes).serviceLevel;
}

const loads = fc.record({
  arrivalsPerHour: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 80, noNaN: true })),
  meanServiceMinutes: fc.double({ min: 2, max: 45, noNaN: true }),
  servers: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.25, max: 12, noNaN: true })),
  targetMinutes: fc.integer({ min: 1, max: 60 }),
  serviceLevelPercent: fc.integer({ min: 50, max: 99 }),
});
const caps = fc.oneof(fc.constant(DEFAULT_MAX_BOOKING_SHARE), fc.constantFrom(0, 0.3, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe('the computed booking share', () => {
  it('keeps the walk-ins at or above their service level, by Erlang C computed independently', () => {
    fc.assert(
      fc.property(loads, caps, (load, cap) => {
        const share = computedBookingShare(load, cap);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(cap + 1e-9);
        // On the 5 % grid.
        expect(Math.abs(share / STEP - Math.round(share / STEP))).toBeLessThan(1e-9);
        if (share > 0) {
          expect(oracleLevel(load, share)).toBeGreaterThanOrEqual(load.serviceLevelPercent / 100);
          expect(walkInServiceLevel(load, share)).toBeCloseTo(oracleLevel(load, share), 12);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is the largest such: 5 % more misses the target or passes the cap', () => {
    fc.assert(
      fc.property(loads, caps, (load, cap) => {
        const share = computedBookingShare(load, cap);
        const more = Math.round((share + STEP) * 100) / 100;
        const missed = oracleLevel(load, more) < load.serviceLevelPercent / 100;
        expect(more > cap + 1e-9 || missed).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('booking more never helps the walk-ins: their service level falls as the share rises', () => {
    fc.assert(
      fc.property(loads, fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), (load, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(walkInServiceLevel(load, high)).toBeLessThanOrEqual(walkInServiceLevel(load, low) + 1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the cap when no walk-in is forecast, and nothing when even no booking keeps the target', () => {
    const quiet = { arrivalsPerHour: 0, meanServiceMinutes: 10, servers: 2, targetMinutes: 15, serviceLevelPercent: 80 };
    expect(computedBookingShare(quiet)).toBe(DEFAULT_MAX_BOOKING_SHARE);
    expect(computedBookingShare(quiet, 0.5)).toBe(0.5);
    // 30 arrivals an hour of 10 minutes each is 5 Erlangs: 4 counters cannot keep up at all.
    const swamped = { arrivalsPerHour: 30, meanServiceMinutes: 10, servers: 4, targetMinutes: 15, serviceLevelPercent: 80 };
    expect(walkInServiceLevel(swamped, 0)).toBe(0);
    expect(computedBookingShare(swamped)).toBe(0);
  });

  it('an example worked by hand: 6 walk-ins an hour of 10 minutes on 3 counters, 80 % within 15 minutes', () => {
    const load = { arrivalsPerHour: 6, meanServiceMinutes: 10, servers: 3, targetMinutes: 15, serviceLevelPercent: 80 };
    const share = computedBookingShare(load);
    // 1 Erlang of walk-ins; at share s three counters serve them at (1 − s) of their pace.
    expect(share).toBeGreaterThan(0);
    expect(erlangC({ arrivalRate: 0.1, meanServiceTime: 10 / (1 - share) }, 3, 15).serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangC({ arrivalRate: 0.1, meanServiceTime: 10 / (1 - share - STEP) }, 3, 15).serviceLevel).toBeLessThan(0.8);
    // By hand: at 0.45, 1.82 Erlangs on 3 counters, P(wait) 0.362, 86.3 % within 15 minutes;
    // at 0.5, 2 Erlangs, P(wait) 0.444, 1 − 0.444·e^(−0.75) = 79.0 %: short of 80 %.
    expect(share).toBe(0.45);
    expect(walkInServiceLevel(load, 0.45)).toBeCloseTo(0.863, 3);
    expect(walkInServiceLevel(load, 0.5)).toBeCloseTo(0.790, 3);
  });
});
