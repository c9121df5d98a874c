import { POINT_BANDS_SECONDS, ServiceScales, calibrateService, pointBand, scaleFor, scalesOf } from './calibration-bands';
import { MIN_SCORED, NO_SCALE, ScoredWait, coverage, scaleRange } from './range-calibration';
import { sfc32 } from './seeded-random';

/** `n` tickets told `point` ± `half` minutes whose real waits spread normally by `spread` around the point. */
function told(seed: number, n: number, point: number, half: number, spread: number): ScoredWait[] {
  const random = sfc32(seed);
  const rng = () => random.next();
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return { shown: { minutes: point, low: Math.max(0, point - half), high: point + half }, waitMinutes: Math.max(0, point + spread * z) };
  });
}

/** Called at once, told "about now" ([0, 1 min]): always inside. */
const aboutNow = (n: number): ScoredWait[] => Array.from({ length: n }, () => ({ shown: { minutes: 0, low: 0, high: 1 }, waitMinutes: 0 }));

/** The waits as shown with a service's factors (each range by its band's, or the service's). */
const shownWith = (waits: readonly ScoredWait[], s: ServiceScales) =>
  waits.map((w) => ({ ...w, shown: scaleRange(w.shown, scaleFor(s, w.shown.minutes)!), scale: scaleFor(s, w.shown.minutes) }));

const unscaled: ServiceScales = { scale: NO_SCALE, bands: new Map() };

describe('range calibration by band of the told point (Mondrian: one fit per band, the service as fallback)', () => {
  it('bands the point as stored, to the second: under 2, 2–5, 5–10, 10–20, 20 min and more', () => {
    expect(POINT_BANDS_SECONDS).toEqual([0, 120, 300, 600, 1200]);
    expect([0, 1.5, 119.4 / 60, 119.6 / 60, 2, 4.99, 5, 12, 19.99, 20, 95].map(pointBand)).toEqual([0, 0, 0, 120, 120, 120, 300, 600, 600, 1200, 1200]);
  });

  // A site's fortnight: many called at once, short ranges about right, and a busy spell
  // whose long ranges covered 63 %. All together 87 % fell inside.
  const quiet = [...aboutNow(500), ...told(1, 200, 3, 2, 1.55)];
  const busy = told(7, 200, 12, 4, 4.75);
  const window = [...quiet, ...busy];

  it("widens a busy band's ranges that one pair of factors for the service would narrow", () => {
    expect(coverage(window)).toBeGreaterThan(0.85);
    expect(coverage(busy)).toBeGreaterThan(0.55);
    expect(coverage(busy)).toBeLessThan(0.65);
    const c = calibrateService(window);
    expect(c.changed).toBe(true);
    // The service's pair, fitted on all: narrower, and the busy spell's ranges would cover less still.
    expect(c.scale.high).toBeLessThan(1);
    expect(coverage(shownWith(busy, { scale: c.scale, bands: new Map() }))).toBeLessThan(0.55);
    // Its own band's pair widens them to about 80 % (and on a fresh busy spell of the same kind too).
    expect([...c.bands.keys()]).toEqual([0, 120, 600]);
    const own = c.bands.get(600)!;
    expect(own).toMatchObject({ scored: 200, changed: true });
    expect(own.scale.high).toBeGreaterThan(1.3);
    const scales = scalesOf(c);
    expect(Math.abs(coverage(shownWith(busy, scales))! - 0.8)).toBeLessThanOrEqual(0.03);
    const fresh = coverage(shownWith(told(3, 400, 12, 4, 4.75), scales))!;
    expect(fresh).toBeGreaterThanOrEqual(0.77);
    expect(fresh).toBeLessThanOrEqual(0.88);
    // The short ranges covered about 80 %: their band keeps its factors (none).
    expect(c.bands.get(120)).toMatchObject({ changed: false, scale: NO_SCALE });
  });

  it("a band with fewer than MIN_SCORED tickets has no factors of its own: it is shown with the service's", () => {
    const few = told(4, MIN_SCORED - 1, 25, 8, 20);
    const c = calibrateService([...window, ...few]);
    expect(c.bands.has(1200)).toBe(false);
    const scales = scalesOf(c);
    expect(scaleFor(scales, 25)).toEqual(c.scale);
    expect(scaleFor(scales, 12)).toEqual(c.bands.get(600)!.scale);
    // A band that had its own factors and now has too few tickets falls back to the service's as well.
    const before: ServiceScales = { scale: NO_SCALE, bands: new Map([[1200, { low: 2, high: 2 }]]) };
    expect(scalesOf(calibrateService(shownWith([...window, ...few], before), before)).bands.has(1200)).toBe(false);
    // Too few tickets for the service as a whole: nothing changes.
    expect(calibrateService(few, before)).toMatchObject({ changed: false, scale: NO_SCALE, bands: new Map() });
  });

  it('a band within 80 ± 5 % keeps the factors its ranges were shown with (its own, or the service\'s)', () => {
    const inForce: ServiceScales = { scale: { low: 1.2, high: 1.3 }, bands: new Map([[600, { low: 1.5, high: 1.7 }]]) };
    // Ranges that cover about 80 % as shown with those factors.
    const fine = [...told(5, 200, 3, 2 / 1.25, 1.55), ...told(6, 200, 12, 4 / 1.6, 3.1)];
    const shown = shownWith(fine, inForce);
    expect(Math.abs(coverage(shown.filter((w) => pointBand(w.shown.minutes) === 120))! - 0.8)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(coverage(shown.filter((w) => pointBand(w.shown.minutes) === 600))! - 0.8)).toBeLessThanOrEqual(0.05);
    const c = calibrateService(shown, inForce);
    expect(c.bands.get(120)).toMatchObject({ changed: false, scale: inForce.scale });
    expect(c.bands.get(600)).toMatchObject({ changed: false, scale: { low: 1.5, high: 1.7 } });
  });

  it('scores each range as shown unscaled by the factors of its band: a second run gives the same factors', () => {
    const first = scalesOf(calibrateService(window));
    // The same waits shown the next day with tonight's factors (each band its own), then checked again.
    const again = calibrateService(shownWith(window, first), first);
    for (const [from, s] of first.bands) {
      expect(again.bands.get(from)!.scale.low).toBeCloseTo(s.low, 6);
      expect(again.bands.get(from)!.scale.high).toBeCloseTo(s.high, 6);
    }
    expect(calibrateService(shownWith(window, unscaled)).bands).toEqual(calibrateService(window).bands);
  });
});
