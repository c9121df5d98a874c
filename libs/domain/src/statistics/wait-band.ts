/**
 * The coarse wait band an exit-survey answer carries (report 11): minutes, lower bound included, upper excluded.
 * Coarse on purpose: with the service, outcome and date the answer already has, an exact wait could single out
 * the visit; five bands cannot in practice, and the answer still says nothing of the ticket or the time of day.
 */
export const WAIT_BANDS = ['0-5', '5-15', '15-30', '30-60', '60+'] as const;
export type WaitBand = (typeof WAIT_BANDS)[number];

const UPPER_MINUTES = [5, 15, 30, 60];

/** The band of a wait in seconds; null when the wait is not known (no call, or a slip). */
export function waitBand(waitSeconds: number | null | undefined): WaitBand | null {
  if (waitSeconds === null || waitSeconds === undefined || !Number.isFinite(waitSeconds) || waitSeconds < 0) return null;
  const index = UPPER_MINUTES.findIndex((upper) => waitSeconds < upper * 60);
  return WAIT_BANDS[index === -1 ? WAIT_BANDS.length - 1 : index];
}
