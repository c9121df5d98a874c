/**
 * Range factors by the wait a ticket was told (Mondrian conformal calibration:
 * one split-conformal fit per category). One pair of factors per service was
 * fitted mostly on ordinary days, where many citizens are called at once and the
 * longer ranges were about right, and it narrowed a busy day's long ranges that
 * were already too narrow. The told point says how busy the room was at issue
 * (who is ahead, how many counters serve them), so each service's scored tickets
 * are split by it into bands, and each band with at least MIN_SCORED tickets in
 * the window gets its own factors from its own tickets (`calibrate`: 80 % of the
 * band's waits inside). A band with fewer uses the service's factors from all its
 * tickets, as before.
 *
 * The factors move only the ends, so the point told (to the second, as a ticket
 * stores it) puts a ticket in the same band when it is told and when the night
 * scores it; and each ticket is scored against its range unscaled by the factors
 * it was shown with (its band's, or its service's), so a rerun gives the same.
 */
import { Calibration, MIN_SCORED, NO_SCALE, RangeScale, ScoredWait, calibrate } from './range-calibration';

/**
 * Each band's lower end, seconds of the told point: under 2 min, 2–5, 5–10, 10–20, 20 min and more
 * (the 1-2-5 steps of the minutes a citizen hears). Under 2 minutes a range is mostly "about now"
 * ([0, 1 min], whatever its factors) or a minute or two wide: one band.
 */
export const POINT_BANDS_SECONDS: readonly number[] = [0, 120, 300, 600, 1200];

/** The band of a told point (minutes): its lower end in seconds, the point taken to the second as stored. */
export function pointBand(pointMinutes: number): number {
  const seconds = Math.round(pointMinutes * 60);
  let band = POINT_BANDS_SECONDS[0];
  for (const from of POINT_BANDS_SECONDS) if (seconds >= from) band = from;
  return band;
}

/** A service's range factors: its bands' own, and from all its tickets for a band without. */
export interface ServiceScales {
  scale: RangeScale;
  /** By band (lower end, seconds). */
  bands: ReadonlyMap<number, RangeScale>;
}

/** Each service's range factors (a service absent: the estimator's own ranges). */
export type RangeCalibration = ReadonlyMap<string, ServiceScales>;

/** The factors a range with this point is shown with (undefined: none). */
export function scaleFor(scales: ServiceScales | undefined, pointMinutes: number): RangeScale | undefined {
  return scales && (scales.bands.get(pointBand(pointMinutes)) ?? scales.scale);
}

/** A service's nightly check: over all its tickets (the fallback, as the dashboard shows it) and per band with enough. */
export interface BandedCalibration extends Calibration {
  bands: ReadonlyMap<number, Calibration>;
}

/**
 * Tonight's factors for one service from its recent shown ranges (each with the factors it
 * was shown with, `scaleFor` of its day) and real waits; `current`: the factors in force. A
 * band whose coverage is within 80 ± 5 % keeps the factors its tickets were shown with now.
 */
export function calibrateService(scored: readonly ScoredWait[], current?: ServiceScales): BandedCalibration {
  const all = calibrate(scored, current?.scale ?? NO_SCALE);
  const byBand = new Map<number, ScoredWait[]>();
  for (const w of scored) {
    const band = pointBand(w.shown.minutes);
    (byBand.get(band) ?? byBand.set(band, []).get(band)!).push(w);
  }
  const bands = new Map<number, Calibration>();
  for (const from of POINT_BANDS_SECONDS) {
    const list = byBand.get(from);
    if (!list || list.length < MIN_SCORED) continue;
    bands.set(from, calibrate(list, current?.bands.get(from) ?? current?.scale ?? NO_SCALE));
  }
  return { ...all, bands };
}

/** The factors a check sets: what `scaleFor` reads the next day. */
export function scalesOf(c: Pick<BandedCalibration, 'scale' | 'bands'>): ServiceScales {
  return { scale: c.scale, bands: new Map([...c.bands].map(([from, b]) => [from, b.scale])) };
}
