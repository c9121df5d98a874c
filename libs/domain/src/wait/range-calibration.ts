/**
 * Ranges calibrated on the site's own history (issue 23 item 3). The estimator's
 * p10–p90 promises that 8 of 10 real waits fall inside; what the live system
 * knows of a site is never all the simulator knows, so nightly each service's
 * shown ranges of the recent days are scored against the real waits, and when
 * fewer or more than 80 ± 5 % fell inside, each side of the range is scaled
 * around the point (split conformal prediction, one factor per side):
 *
 *   high' = point + s_high · (high − point),  low' = max(0, point − s_low · (point − low)).
 *
 * A side's factor is the conformal quantile of the scores (wait − point) / (high − point)
 * (resp. (point − wait) / (point − low)) at 90 %: then about 10 % of the waits lie above
 * the new high end and 10 % below the new low end, whatever the estimator got wrong.
 * The scores are taken against each range as it would have been shown unscaled
 * (its side divided by the factor it was shown with), so ranges shown under
 * different factors within the window score alike, and a second run on the same
 * history gives the same factors.
 */
import { WaitEstimate } from './simple-estimate';

export interface RangeScale {
  low: number;
  high: number;
}

/** A shown estimate and the real wait it turned out to be (minutes). */
export interface ScoredWait {
  shown: WaitEstimate;
  waitMinutes: number;
  /** The factors the range was shown with (absent: none). */
  scale?: RangeScale;
}

export const TARGET_COVERAGE = 0.8;
export const COVERAGE_TOLERANCE = 0.05;
/** Fewer scored tickets of a service than this: its factors stay (too few to say). */
export const MIN_SCORED = 20;
/** A side narrower than this (e.g. a point at the low end 0) is scored as this wide, so a factor can widen it. */
export const MIN_SIDE_MINUTES = 0.5;
const FACTOR_BOUNDS = [0.25, 4] as const;

export const NO_SCALE: RangeScale = Object.freeze({ low: 1, high: 1 });

const side = (width: number) => Math.max(width, MIN_SIDE_MINUTES);

/** The range with each side scaled around the point; the point stays. Unscaled (1, 1) returns it as it is. */
export function scaleRange(e: WaitEstimate, s: RangeScale): WaitEstimate {
  if (s.low === 1 && s.high === 1) return e;
  return {
    minutes: e.minutes,
    low: Math.max(0, e.minutes - s.low * side(e.minutes - e.low)),
    high: e.minutes + s.high * side(e.high - e.minutes),
  };
}

/** Share of real waits inside their shown range (null: none scored). */
export function coverage(scored: readonly ScoredWait[]): number | null {
  if (!scored.length) return null;
  return scored.filter((w) => w.waitMinutes >= w.shown.low && w.waitMinutes <= w.shown.high).length / scored.length;
}

/** Mean absolute error of the shown points, minutes (null: none scored). */
export function meanAbsoluteError(scored: readonly ScoredWait[]): number | null {
  if (!scored.length) return null;
  return scored.reduce((sum, w) => sum + Math.abs(w.waitMinutes - w.shown.minutes), 0) / scored.length;
}

/**
 * The split-conformal quantile: the ⌈(n+1)·q⌉-th smallest score, so that a fresh
 * score lies at or below it with probability at least q (capped at the largest).
 */
export function conformalQuantile(scores: readonly number[], q: number): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const rank = Math.min(Math.ceil((sorted.length + 1) * q), sorted.length);
  return sorted[Math.max(rank, 1) - 1];
}

export interface Calibration {
  /** The factors to use from now on (the ones in force when nothing changed). */
  scale: RangeScale;
  /** Whether the coverage was outside 80 ± 5 % and the factors were refitted. */
  changed: boolean;
  scored: number;
  coverage: number | null;
  meanAbsoluteErrorMinutes: number | null;
}

/**
 * Tonight's factors for one service from its recent shown ranges (each with the
 * factors it was shown with) and real waits. Within 80 ± 5 %, or with fewer than
 * MIN_SCORED waits, the factors in force (`current`) stay.
 */
export function calibrate(scored: readonly ScoredWait[], current: RangeScale = NO_SCALE): Calibration {
  const cov = coverage(scored);
  const mae = meanAbsoluteError(scored);
  const base = { scored: scored.length, coverage: cov, meanAbsoluteErrorMinutes: mae };
  if (cov === null || scored.length < MIN_SCORED || Math.abs(cov - TARGET_COVERAGE) <= COVERAGE_TOLERANCE) {
    return { ...base, scale: current, changed: false };
  }
  const tail = 1 - (1 - TARGET_COVERAGE) / 2; // 0.9: each side misses 10 %
  // Each side as shown unscaled: a scaled side is factor × side(unscaled side) (scaleRange).
  const unscaled = (width: number, factor = 1) => side(width / factor);
  const highScores = scored.map(({ shown, waitMinutes, scale }) => (waitMinutes - shown.minutes) / unscaled(shown.high - shown.minutes, scale?.high));
  const lowScores = scored.map(({ shown, waitMinutes, scale }) => (shown.minutes - waitMinutes) / unscaled(shown.minutes - shown.low, scale?.low));
  const bound = (f: number) => Math.min(FACTOR_BOUNDS[1], Math.max(FACTOR_BOUNDS[0], f));
  const scale = {
    low: bound(Math.max(0, conformalQuantile(lowScores, tail))),
    high: bound(Math.max(0, conformalQuantile(highScores, tail))),
  };
  return { ...base, scale, changed: true };
}
