import { MIN_SCORED, NO_SCALE, ScoredWait, calibrate, conformalQuantile, coverage, meanAbsoluteError, scaleRange } from './range-calibration';
import { sfc32 } from './seeded-random';

/** Waits around a point of 10 min shown as 8–12: a lognormal-ish spread wider than the range claims. */
function day(seed: number, n: number, spread: number): ScoredWait[] {
  const random = sfc32(seed);
  const rng = () => random.next();
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()); // standard normal
    return { shown: { minutes: 10, low: 8, high: 12 }, waitMinutes: Math.max(0, 10 + spread * z) };
  });
}

const scaledDay = (d: ScoredWait[], s = NO_SCALE) => d.map((w) => ({ ...w, shown: scaleRange(w.shown, s) }));

describe('range calibration (split conformal, one factor per side)', () => {
  it('the conformal quantile is the ⌈(n+1)q⌉-th smallest score, capped at the largest', () => {
    const scores = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10];
    expect(conformalQuantile(scores, 0.9)).toBe(10); // ⌈11·0.9⌉ = 10
    expect(conformalQuantile(scores, 0.5)).toBe(6); // ⌈5.5⌉ = 6
    expect(conformalQuantile([3], 0.9)).toBe(3);
  });

  it('scales each side around the point, never below 0, and leaves (1, 1) alone', () => {
    expect(scaleRange({ minutes: 10, low: 8, high: 12 }, { low: 2, high: 3 })).toEqual({ minutes: 10, low: 6, high: 16 });
    expect(scaleRange({ minutes: 2, low: 1, high: 4 }, { low: 5, high: 1 })).toEqual({ minutes: 2, low: 0, high: 4 });
    const e = { minutes: 0, low: 0, high: 0 };
    expect(scaleRange(e, NO_SCALE)).toBe(e);
    // A side of zero width is taken as half a minute wide, so a factor can open it.
    expect(scaleRange(e, { low: 1, high: 4 })).toEqual({ minutes: 0, low: 0, high: 2 });
  });

  it('coverage and mean absolute error of shown ranges', () => {
    const d: ScoredWait[] = [
      { shown: { minutes: 10, low: 8, high: 12 }, waitMinutes: 9 },
      { shown: { minutes: 10, low: 8, high: 12 }, waitMinutes: 14 },
    ];
    expect(coverage(d)).toBe(0.5);
    expect(meanAbsoluteError(d)).toBe(2.5);
    expect(coverage([])).toBeNull();
  });

  it('widens a range that covered 60 % so that about 80 % of the same waits fall in', () => {
    const d = day(7, 400, 2.4); // ±2 of sd 2.4: about 60 % inside
    const before = coverage(d)!;
    expect(before).toBeGreaterThan(0.55);
    expect(before).toBeLessThan(0.65);
    const c = calibrate(d);
    expect(c.changed).toBe(true);
    expect(c.scale.high).toBeGreaterThan(1);
    expect(c.scale.low).toBeGreaterThan(1);
    expect(coverage(scaledDay(d, c.scale))).toBeGreaterThanOrEqual(0.79);
    expect(coverage(scaledDay(d, c.scale))).toBeLessThanOrEqual(0.83);
    // And on a fresh day of the same kind (the calibration is not only fitted to its own data).
    const next = coverage(scaledDay(day(8, 400, 2.4), c.scale))!;
    expect(Math.abs(next - 0.8)).toBeLessThanOrEqual(0.05);
  });

  it('narrows a range that covered nearly all; ranges shown scaled score as unscaled', () => {
    const d = day(11, 400, 0.8);
    expect(coverage(d)).toBeGreaterThan(0.95);
    const c = calibrate(d);
    expect(c.scale.high).toBeLessThan(1);
    expect(Math.abs(coverage(scaledDay(d, c.scale))! - 0.8)).toBeLessThanOrEqual(0.03);
    // The same days shown with factors 2: each range is scored as it was before scaling, so the same factors come out.
    const twice = scaledDay(d, { low: 2, high: 2 }).map((w) => ({ ...w, scale: { low: 2, high: 2 } }));
    const again = calibrate(twice, { low: 2, high: 2 });
    expect(again.scale.high).toBeCloseTo(c.scale.high, 6);
    expect(again.scale.low).toBeCloseTo(c.scale.low, 6);
  });

  it('keeps the factors within 80 ± 5 % and with too few waits', () => {
    const ok = day(3, 400, 1.55); // about 80 %
    expect(Math.abs(coverage(ok)! - 0.8)).toBeLessThanOrEqual(0.05);
    expect(calibrate(ok, { low: 1.2, high: 1.3 })).toMatchObject({ changed: false, scale: { low: 1.2, high: 1.3 } });
    expect(calibrate(day(7, MIN_SCORED - 1, 2.4))).toMatchObject({ changed: false, scale: NO_SCALE });
  });
});
