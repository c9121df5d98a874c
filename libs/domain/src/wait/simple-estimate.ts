/**
 * A first, honest wait estimate: the work ahead shared by the open counters
 * that serve the service, with a range that widens with the uncertainty of
 * service times. The schedule estimator (schedule-estimator.ts) does better;
 * this one stays as the "naive" baseline it is measured against.
 */
export interface WaitEstimate {
  minutes: number;
  low: number;
  high: number;
}

export interface SimpleEstimateInput {
  ahead: number;
  meanServiceMinutes: number;
  openCounters: number;
}

/** The unrounded figures, for measuring accuracy without display rounding. */
export function naiveEstimate({ ahead, meanServiceMinutes, openCounters }: SimpleEstimateInput): WaitEstimate {
  const servers = Math.max(openCounters, 1);
  const minutes = (ahead * meanServiceMinutes) / servers;
  // Sum of `ahead` service times: relative spread shrinks like 1/sqrt(n).
  const spread = (meanServiceMinutes * Math.sqrt(Math.max(ahead, 1))) / servers;
  return { minutes, low: Math.max(0, minutes - spread), high: minutes + spread };
}

/** Whole minutes, as shown on a ticket. */
export function simpleEstimate(input: SimpleEstimateInput): WaitEstimate {
  const { minutes, low, high } = naiveEstimate(input);
  return { minutes: Math.round(minutes), low: Math.floor(low), high: Math.ceil(high) };
}
