import { expectedResidual, lognormalMean, lognormalSummary, sampleResidual, summariseDurations } from './duration-stats';
import { inverseNormalCdf, normalCdf, normalSf } from './normal-math';
import { lognormal, mixSeed, sfc32 } from './seeded-random';

describe('duration statistics', () => {
  it('are robust: one runaway case barely moves the fit, though it drags the mean', () => {
    const usual = Array.from({ length: 30 }, (_, i) => 7 + (i % 5));
    const withOutlier = [...usual, 240];
    const a = summariseDurations(usual);
    const b = summariseDurations(withOutlier);
    expect(Math.abs(lognormalMean(b) - lognormalMean(a))).toBeLessThan(0.3);
    expect(b.meanMinutes - a.meanMinutes).toBeGreaterThan(5);
  });

  it('recover the lognormal they were drawn from, and use only recent durations', () => {
    const rng = sfc32(mixSeed(3));
    const sample = Array.from({ length: 2000 }, () => lognormal(rng, Math.log(20), 0.9));
    const fit = summariseDurations(sample, { window: 2000 });
    expect(fit.logMu).toBeCloseTo(Math.log(20), 1);
    expect(fit.logSigma).toBeCloseTo(0.9, 1);
    const drifted = summariseDurations([...Array(100).fill(30), ...Array(50).fill(10)], { window: 50 });
    expect(Math.exp(drifted.logMu)).toBeCloseTo(10, 0);
  });

  it('fall back on the prior with nothing measured', () => {
    const prior = lognormalSummary(12, 0.5);
    expect(summariseDurations([], { prior })).toEqual({ ...prior, count: 0 });
  });

  it('sampled residuals average to the expected residual, which grows for heavy tails', () => {
    const heavy = lognormalSummary(20, 0.9);
    const rng = sfc32(9);
    for (const elapsed of [0, 10, 40]) {
      let sum = 0;
      for (let i = 0; i < 40000; i++) sum += sampleResidual(heavy, elapsed, rng);
      expect(sum / 40000 / expectedResidual(heavy, elapsed)).toBeCloseTo(1, 1);
    }
    expect(expectedResidual(heavy, 60)).toBeGreaterThan(expectedResidual(heavy, 20));
    expect(Number.isFinite(expectedResidual(heavy, 1e6))).toBe(true);
  });
});

describe('normal distribution', () => {
  it('inverts its CDF and keeps precision in the upper tail', () => {
    for (const p of [1e-10, 0.001, 0.1, 0.5, 0.9, 0.999]) expect(normalCdf(inverseNormalCdf(p)) / p).toBeCloseTo(1, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalSf(8) / 6.22096e-16).toBeCloseTo(1, 4);
  });
});
