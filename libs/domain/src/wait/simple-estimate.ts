/**
 * A first, honest wait estimate: the work ahead shared by the open counters
 * that serve the service, with a range that widens with the uncertainty of
 * service times. The full estimator (issue 6) replaces this behind the same shape.
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

export function simpleEstimate({ ahead, meanServiceMinutes, openCounters }: SimpleEstimateInput): WaitEstimate {
  const servers = Math.max(openCounters, 1);
  const minutes = (ahead * meanServiceMinutes) / servers;
  // Sum of `ahead` service times: relative spread shrinks like 1/sqrt(n).
  const spread = meanServiceMinutes * Math.sqrt(Math.max(ahead, 1)) / servers;
  return {
    minutes: Math.round(minutes),
    low: Math.max(0, Math.floor(minutes - spread)),
    high: Math.ceil(minutes + spread),
  };
}
