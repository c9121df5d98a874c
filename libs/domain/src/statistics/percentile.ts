/**
 * The nearest-rank percentile (PostgreSQL's `percentile_disc`): the smallest value whose share of the sorted values
 * at or below it reaches p. Every report's p50/p90 means this, so an independent check can compute it the same way.
 */
export function percentileDisc(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** Seconds as minutes with one decimal, the unit every report shows waits and handling times in. */
export function secondsToMinutes(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  return Math.round(seconds / 6) / 10;
}

/** A share as a percentage with one decimal; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 1000) / 10;
}
