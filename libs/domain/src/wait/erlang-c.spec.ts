import fc from 'fast-check';
import { erlangB, erlangC, erlangCServersNeeded } from './erlang-c';

// 100 arrivals per 30 minutes, 180 s mean service: 10 Erlangs.
const load = { arrivalRate: 100 / 1800, meanServiceTime: 180 };

describe('Erlang C', () => {
  it('matches the textbook oracle: 10 Erlangs, 14 counters, 20 s target', () => {
    const r = erlangC(load, 14, 20);
    expect(r.offeredLoad).toBeCloseTo(10, 12);
    expect(r.pWait.toPrecision(7)).toBe('0.1741319');
    expect(r.serviceLevel.toPrecision(5)).toBe('0.88835');
    expect(r.meanWait.toPrecision(4)).toBe('7.836');
  });

  it('computes Erlang B by the stable recursion, even for large sites', () => {
    // The direct sum a^s/s! / Σ a^k/k! for 5 Erlangs on 10 counters.
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= 10; k++) sum += term *= 5 / k;
    expect(erlangB(10, 5)).toBeCloseTo(term / sum, 14);
    const big = erlangB(2000, 1900);
    expect(Number.isFinite(big)).toBe(true);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(0.1);
  });

  it('gives no service level when the counters cannot keep up', () => {
    const r = erlangC(load, 10, 20);
    expect(r.pWait).toBe(1);
    expect(r.serviceLevel).toBe(0);
    expect(r.meanWait).toBe(Infinity);
  });

  it('finds the fewest counters for a service level', () => {
    expect(erlangCServersNeeded(load, 20, 0.8)).toBe(14); // 13 counters reach 79.56 %
    expect(erlangC(load, 13, 20).serviceLevel).toBeLessThan(0.8);
    expect(erlangCServersNeeded(load, 20, 0.75)).toBe(13);
    expect(erlangCServersNeeded(load, 20, 0.5)).toBe(12);
  });

  it('service level rises with every added counter', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        fc.integer({ min: 1, max: 250 }),
        (arrivalsPerHour, meanServiceMinutes, target, servers) => {
          const l = { arrivalRate: arrivalsPerHour / 60, meanServiceTime: meanServiceMinutes };
          const now = erlangC(l, servers, target).serviceLevel;
          const more = erlangC(l, servers + 1, target).serviceLevel;
          const stable = servers > l.arrivalRate * l.meanServiceTime;
          if (stable && now < 1 - 1e-12) return more > now;
          return more >= now;
        },
      ),
      { numRuns: 500 },
    );
  });
});
