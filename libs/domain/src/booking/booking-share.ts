/**
 * The default booking share of an interval: the largest share of the planned
 * counter time that can go to booked times while the walk-ins forecast for it
 * still meet their waiting-time target (Erlang C).
 *
 * Booked work takes a share s of every counter's time, so walk-ins see the same
 * counters working at (1 − s) of their pace: their mean service time is
 * stretched by 1/(1 − s). Counters as a fraction (a counter shared by two
 * services is half a counter to each) are modelled as ⌈n⌉ counters each
 * working n/⌈n⌉ as fast, the same capacity.
 */
import { erlangC } from '../wait/erlang-c';

export interface WalkInLoad {
  /** Walk-in arrivals forecast for the interval, per hour. */
  arrivalsPerHour: number;
  meanServiceMinutes: number;
  /** Counters able to serve the service (fractional). */
  servers: number;
  targetMinutes: number;
  /** e.g. 80 for "80 % within the target". */
  serviceLevelPercent: number;
}

/** The share of the capacity no default gives away: walk-ins keep at least 1 − MAX (a site with no history yet). */
export const DEFAULT_MAX_BOOKING_SHARE = 0.8;
const STEP = 0.05;

/** The walk-ins' predicted service level (0–1) when a share `share` of the counters' time is booked. */
export function walkInServiceLevel(load: WalkInLoad, share: number): number {
  if (load.arrivalsPerHour <= 0) return 1;
  if (load.servers <= 0 || share >= 1) return 0;
  const counters = Math.ceil(load.servers);
  const pace = (load.servers / counters) * (1 - share);
  return erlangC({ arrivalRate: load.arrivalsPerHour / 60, meanServiceTime: load.meanServiceMinutes / pace }, counters, load.targetMinutes).serviceLevel;
}

/** The largest share, in steps of 5 %, at which walk-ins still reach their service level (0 when even none does). */
export function computedBookingShare(load: WalkInLoad, maxShare = DEFAULT_MAX_BOOKING_SHARE): number {
  const goal = load.serviceLevelPercent / 100;
  for (let steps = Math.floor(maxShare / STEP + 1e-9); steps > 0; steps--) {
    const share = Math.round(steps * STEP * 100) / 100;
    if (walkInServiceLevel(load, share) >= goal) return share;
  }
  return 0;
}
