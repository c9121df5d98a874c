/**
 * How long citizens stay before they give up and cancel: a leave rate per
 * minute for each stretch of minutes waited (piecewise-constant hazard, so a
 * citizen who has waited 40 minutes is likelier to go than one who just came).
 * Measured as leaves ÷ minutes waited in each stretch by every ticket (called,
 * cancelled or still waiting), per service and shrunk toward the whole site's.
 */

/** Starts of the stretches, in minutes waited; the last one is open-ended. */
export const PATIENCE_EDGES: readonly number[] = [0, 10, 20, 30, 45, 60, 90];

export interface LeaveCounts {
  /** Cancelled before their call, by the stretch they left in. */
  left: number[];
  /** Minutes waited within each stretch. */
  waited: number[];
}

export const emptyLeaveCounts = (): LeaveCounts => ({ left: PATIENCE_EDGES.map(() => 0), waited: PATIENCE_EDGES.map(() => 0) });

/** Adds a wait of `minutes`; `left`: it ended with the citizen cancelling. */
export function addWait(counts: LeaveCounts, minutes: number, left: boolean): void {
  for (let b = 0; b < PATIENCE_EDGES.length; b++) {
    const lo = PATIENCE_EDGES[b];
    const hi = PATIENCE_EDGES[b + 1] ?? Infinity;
    if (minutes <= lo) break;
    counts.waited[b] += Math.min(minutes, hi) - lo;
    if (left && minutes <= hi) counts.left[b]++;
  }
}

export function sumLeaveCounts(all: readonly LeaveCounts[]): LeaveCounts {
  const total = emptyLeaveCounts();
  for (const c of all) for (let b = 0; b < PATIENCE_EDGES.length; b++) {
    total.left[b] += c.left[b] ?? 0;
    total.waited[b] += c.waited[b] ?? 0;
  }
  return total;
}

/** Minutes of a service's own waiting that weigh as much as the site's figure. */
const SHRINK_MINUTES = 300;

/** Leaves per minute in each stretch: the service's own, shrunk toward the site's (its sparse stretches lean on the site). */
export function leaveHazard(service: LeaveCounts, site: LeaveCounts): number[] {
  return PATIENCE_EDGES.map((_, b) => {
    const siteRate = site.waited[b] > 0 ? site.left[b] / site.waited[b] : 0;
    return (service.left[b] + SHRINK_MINUTES * siteRate) / (service.waited[b] + SHRINK_MINUTES);
  });
}

/** The expected number of leaves of one citizen over the first `w` minutes of waiting (∫ hazard). */
export function cumulativeHazard(hazard: readonly number[], w: number): number {
  let h = 0;
  for (let b = 0; b < hazard.length; b++) {
    const lo = PATIENCE_EDGES[b];
    if (w <= lo) break;
    h += hazard[b] * (Math.min(w, PATIENCE_EDGES[b + 1] ?? Infinity) - lo);
  }
  return h;
}

/** Calls, and the calls nobody answered, by the stretch of minutes the ticket had waited when called. */
export interface NoShowCounts {
  calls: number[];
  noShows: number[];
}

export const emptyNoShowCounts = (): NoShowCounts => ({ calls: PATIENCE_EDGES.map(() => 0), noShows: PATIENCE_EDGES.map(() => 0) });

export function stretchOf(minutesWaited: number): number {
  let b = 0;
  while (b + 1 < PATIENCE_EDGES.length && minutesWaited >= PATIENCE_EDGES[b + 1]) b++;
  return b;
}

export function addCall(counts: NoShowCounts, minutesWaited: number, answered: boolean): void {
  const b = stretchOf(minutesWaited);
  counts.calls[b]++;
  if (!answered) counts.noShows[b]++;
}

export function sumNoShowCounts(all: readonly NoShowCounts[]): NoShowCounts {
  const total = emptyNoShowCounts();
  for (const c of all) for (let b = 0; b < PATIENCE_EDGES.length; b++) {
    total.calls[b] += c.calls[b] ?? 0;
    total.noShows[b] += c.noShows[b] ?? 0;
  }
  return total;
}

/** Calls of a service's own that weigh as much as the site's figure for a stretch. */
const SHRINK_CALLS = 20;

/**
 * The share of calls nobody answers by minutes waited (those who gave up without cancelling):
 * the service's own, shrunk toward the site's for the stretch, which is shrunk toward `overall`.
 */
export function noShowByWait(service: NoShowCounts, site: NoShowCounts, overall: number): number[] {
  return PATIENCE_EDGES.map((_, b) => {
    const siteRate = (site.noShows[b] + SHRINK_CALLS * overall) / (site.calls[b] + SHRINK_CALLS);
    return (service.noShows[b] + SHRINK_CALLS * siteRate) / (service.calls[b] + SHRINK_CALLS);
  });
}
