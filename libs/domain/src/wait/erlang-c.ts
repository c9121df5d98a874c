/**
 * Erlang C (M/M/s, patient callers): the staffing model behind "80 % called
 * within 15 minutes". Erlang B is computed by its recursion
 * B(k) = a·B(k−1) / (k + a·B(k−1)), which stays in [0, 1] and so never
 * overflows, unlike the textbook aˢ/s! sums.
 * Times are in any one unit (seconds or minutes), used consistently.
 */

export interface QueueLoad {
  /** Arrivals per time unit. */
  arrivalRate: number;
  /** Mean service time in the same unit. */
  meanServiceTime: number;
}

export interface ErlangResult {
  servers: number;
  /** a = λ·E[S], in Erlangs. */
  offeredLoad: number;
  /** a / s: share of time a counter is busy (capped at 1). */
  occupancy: number;
  /** Probability that an arriving citizen has to wait. */
  pWait: number;
  /** Share called within the target time. */
  serviceLevel: number;
  /** Mean wait over all arrivals, in the time unit. */
  meanWait: number;
}

export function offeredLoad({ arrivalRate, meanServiceTime }: QueueLoad): number {
  return arrivalRate * meanServiceTime;
}

/** Blocking probability of the M/M/s/s loss system. */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** P(wait) for M/M/s; 1 when the counters cannot keep up (s <= a). */
export function erlangCProbabilityOfWait(servers: number, load: number): number {
  if (servers <= load) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export function erlangC(load: QueueLoad, servers: number, targetTime: number): ErlangResult {
  const a = offeredLoad(load);
  const base = { servers, offeredLoad: a, occupancy: Math.min(1, a / servers) };
  if (servers <= a) return { ...base, pWait: 1, serviceLevel: 0, meanWait: Infinity };
  const pWait = erlangCProbabilityOfWait(servers, a);
  const drain = (servers - a) / load.meanServiceTime; // s·μ − λ
  return {
    ...base,
    pWait,
    serviceLevel: 1 - pWait * Math.exp(-drain * targetTime),
    meanWait: pWait / drain,
  };
}

/** The fewest counters that reach `serviceLevel` (0–1) within `targetTime`. */
export function erlangCServersNeeded(load: QueueLoad, targetTime: number, serviceLevel: number, maxServers = 10000): number {
  const a = offeredLoad(load);
  for (let s = Math.max(1, Math.floor(a) + 1); s <= maxServers; s++) {
    if (erlangC(load, s, targetTime).serviceLevel >= serviceLevel) return s;
  }
  return maxServers;
}
