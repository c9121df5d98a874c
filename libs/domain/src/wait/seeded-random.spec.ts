import { exponential, lognormal, mixSeed, poisson, sfc32, standardNormal } from './seeded-random';

describe('seeded random numbers', () => {
  it('repeat for a seed and differ between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, sfc32(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });

  it('have the moments of their distributions', () => {
    const rng = sfc32(11);
    const n = 50000;
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(rng.next)).toBeCloseTo(0.5, 2);
    expect(mean(() => standardNormal(rng))).toBeCloseTo(0, 1);
    expect(mean(() => standardNormal(rng) ** 2)).toBeCloseTo(1, 1);
    expect(mean(() => exponential(rng, 4)) / 4).toBeCloseTo(1, 1);
    expect(mean(() => lognormal(rng, 0, 0.5)) / Math.exp(0.125)).toBeCloseTo(1, 1);
    expect(mean(() => poisson(rng, 3.5)) / 3.5).toBeCloseTo(1, 1);
  });
});
