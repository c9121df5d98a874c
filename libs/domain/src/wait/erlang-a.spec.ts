import { sfc32, exponential } from './seeded-random';
import { erlangC } from './erlang-c';
import { erlangA, erlangAServersNeeded } from './erlang-a';

const load = { arrivalRate: 100 / 1800, meanServiceTime: 180 };

/** FIFO M/M/s+M by brute force: the share of arrivals called within t, and the share who give up. */
function simulate(lambda: number, meanService: number, meanPatience: number, servers: number, t: number, customers: number) {
  const rng = sfc32(7);
  const free: number[] = new Array(servers).fill(0); // when each counter is next free
  let arrival = 0;
  let within = 0;
  let abandoned = 0;
  // FIFO: nobody behind can overtake, so each citizen in turn takes the first counter to come free, unless gone by then.
  for (let i = 0; i < customers; i++) {
    arrival += exponential(rng, 1 / lambda);
    const deadline = arrival + exponential(rng, meanPatience);
    let k = 0;
    for (let j = 1; j < servers; j++) if (free[j] < free[k]) k = j;
    const start = Math.max(free[k], arrival);
    if (start > deadline) {
      abandoned++;
      continue;
    }
    if (start - arrival <= t) within++;
    free[k] = start + exponential(rng, meanService);
  }
  return { serviceLevel: within / customers, pAbandon: abandoned / customers };
}

describe('Erlang A', () => {
  it('becomes Erlang C as patience grows', () => {
    const c = erlangC(load, 14, 20);
    const a = erlangA({ ...load, meanPatience: 1e9 }, 14, 20);
    expect(a.pWait).toBeCloseTo(c.pWait, 6);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
    expect(a.meanWait).toBeCloseTo(c.meanWait, 3);
    expect(a.pAbandon).toBeLessThan(1e-6);
  });

  it('stays finite when counters are short, because citizens give up', () => {
    const a = erlangA({ ...load, meanPatience: 120 }, 8, 20);
    expect(a.pWait).toBeGreaterThan(0.5);
    expect(a.pAbandon).toBeGreaterThan(0.1);
    expect(Number.isFinite(a.meanWait)).toBe(true);
    // Flow balance: what is not abandoned is served by the busy counters.
    expect(a.occupancy).toBeCloseTo(((1 - a.pAbandon) * 10) / 8, 9);
  });

  it('agrees with a brute-force simulation of M/M/s+M', () => {
    // 24 per hour, 10 min service, 15 min mean patience, 4 counters, 5 min target.
    const a = erlangA({ arrivalRate: 24 / 60, meanServiceTime: 10, meanPatience: 15 }, 4, 5);
    const sim = simulate(24 / 60, 10, 15, 4, 5, 200000);
    expect(Math.abs(a.serviceLevel - sim.serviceLevel)).toBeLessThan(0.005);
    expect(Math.abs(a.pAbandon - sim.pAbandon)).toBeLessThan(0.005);
  });

  it('needs fewer counters than Erlang C when some give up, and more counters always help', () => {
    const impatient = { ...load, meanPatience: 60 };
    const needed = erlangAServersNeeded(impatient, 20, 0.8);
    expect(needed).toBeLessThanOrEqual(14);
    expect(erlangA(impatient, needed, 20).serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangA(impatient, needed - 1, 20).serviceLevel).toBeLessThan(0.8);
    for (let s = 1; s < 30; s++) {
      expect(erlangA(impatient, s + 1, 20).serviceLevel).toBeGreaterThan(erlangA(impatient, s, 20).serviceLevel);
    }
  });
});
