/**
 * The estimates every page shows (issue 18: one estimate, told the same way
 * everywhere): the schedule estimator's figures for the whole room, then the
 * rules of what a citizen may be told, to the second (pages round at display).
 *
 * - No estimate (null) for a service no open counter serves: nobody can say
 *   when it will be called, and the kiosk says so instead.
 * - The citizen next in line is never told a range that starts later than the
 *   citizen now being served has left: the low end is capped by the least
 *   remaining handling time at the open counters serving the service (0 when
 *   one of their seats is free).
 * - Each range is scaled by its service's calibration for the band of its point
 *   (calibration-bands.ts), when the nightly calibration found such ranges too narrow or too wide.
 * - A range that ends within a minute ends at a minute: "about now" (shown-estimate.ts).
 */
import { CallContext, compareForCall } from '../queue/ordering';
import { asSummary, expectedResidual, lognormalMean } from './duration-stats';
import { RangeCalibration, scaleFor } from './calibration-bands';
import { scaleRange } from './range-calibration';
import { estimateNewTicket, estimateWaits } from './schedule-estimator';
import { toSeconds } from './shown-estimate';
import { WaitEstimate, simpleEstimate } from './simple-estimate';
import { WaitSnapshot, WaitingTicket } from './wait-snapshot';

export interface RoomEstimates {
  /** Each waiting ticket's wait from now; null: no open counter serves its service. */
  perTicket: Map<string, WaitEstimate | null>;
  /** What a new walk-in ticket per service would be told; null as above. */
  newTicket: Map<string, WaitEstimate | null>;
  /**
   * For the services no open counter serves: a new ticket's wait if one counter opened now. Never shown;
   * the kiosk still needs a figure to warn that a ticket drawn just before closing may not be reached.
   */
  ifOneOpens: Map<string, WaitEstimate>;
  /**
   * Each waiting ticket's low end in whole minutes for "turn near" (issue 20): the one shown; where nothing is
   * shown because the counters serving it are paused (expected back), the estimator's own. None when no counter
   * is expected to serve it.
   */
  lowEnds: Map<string, number>;
}

/** Whether an open counter serves the service now (a paused or closed one may not come back within the estimate). */
export function servedByOpenCounter(snapshot: WaitSnapshot, serviceId: string): boolean {
  return snapshot.counters.some((c) => c.state === 'open' && c.serviceIds.includes(serviceId));
}

/**
 * Minutes until the first seat of an open counter serving the service is
 * expected free: 0 with a free seat, else the least expected remaining time
 * of the citizens being served there (by their service's durations).
 */
export function firstSeatFreeMinutes(snapshot: WaitSnapshot, serviceId: string): number {
  let least = Infinity;
  for (const c of snapshot.counters) {
    if (c.state !== 'open' || !c.serviceIds.includes(serviceId)) continue;
    if (c.busy.length < c.seats) return 0;
    for (const b of c.busy) {
      const elapsed = Math.max(0, (snapshot.now.getTime() - b.startedAt.getTime()) / 60000);
      least = Math.min(least, expectedResidual(asSummary(snapshot.services.get(b.serviceId)?.durations), elapsed));
    }
  }
  return least;
}

/** The waiting ticket of the service a counter serving only it would call next (place 1 on the ticket page). */
export function nextInLine(snapshot: WaitSnapshot, serviceId: string): WaitingTicket | null {
  const ctx: CallContext = { serviceIds: [serviceId], targetWaitMinutes: snapshot.targetWaitMinutes, settings: snapshot.ordering, now: snapshot.now };
  let best: WaitingTicket | null = null;
  for (const t of snapshot.waiting) if (t.serviceId === serviceId && (!best || compareForCall(t, best, ctx) < 0)) best = t;
  return best;
}

/** A range as shown after its service's calibration for its point's band (absent, or a range without end: as it is). */
export function calibratedRange(calibration: RangeCalibration, serviceId: string | undefined, e: WaitEstimate): WaitEstimate {
  const s = serviceId === undefined ? undefined : scaleFor(calibration.get(serviceId), e.minutes);
  return s && Number.isFinite(e.high) ? scaleRange(e, s) : e;
}

/**
 * A waiting ticket's estimate as the room shows it, from the estimator's own (`raw`): none when no open
 * counter serves its service; its service's factors; the next in line's low end capped; to the second.
 * The ticket told at issue gets this (estimateRoom's `perTicket`); the day simulator scores the same.
 */
export function shownTicketEstimate(
  snapshot: WaitSnapshot,
  ticket: Pick<WaitingTicket, 'id' | 'serviceId'>,
  raw: WaitEstimate,
  calibration: RangeCalibration = new Map(),
): WaitEstimate | null {
  if (snapshot.targetWaitMinutes.has(ticket.serviceId) && !servedByOpenCounter(snapshot, ticket.serviceId)) return null;
  let e = calibratedRange(calibration, ticket.serviceId, raw);
  if (snapshot.targetWaitMinutes.has(ticket.serviceId) && nextInLine(snapshot, ticket.serviceId)?.id === ticket.id) {
    e = { ...e, low: Math.min(e.low, firstSeatFreeMinutes(snapshot, ticket.serviceId)) };
  }
  return Number.isFinite(e.high) ? toSeconds(e) : null;
}

/** `calibration`: each service's range factors by band (absent: none). */
export function estimateRoom(snapshot: WaitSnapshot, calibration: RangeCalibration = new Map()): RoomEstimates {
  const raw = estimateWaits(snapshot);
  const ticketOf = new Map(snapshot.waiting.map((t) => [t.id, t]));
  const perTicket = new Map<string, WaitEstimate | null>();
  for (const [id, e] of raw) {
    const t = ticketOf.get(id);
    perTicket.set(id, t ? shownTicketEstimate(snapshot, t, e, calibration) : Number.isFinite(e.high) ? toSeconds(e) : null);
  }
  const newTicket = new Map<string, WaitEstimate | null>();
  const ifOneOpens = new Map<string, WaitEstimate>();
  for (const serviceId of snapshot.targetWaitMinutes.keys()) {
    if (!servedByOpenCounter(snapshot, serviceId)) {
      newTicket.set(serviceId, null);
      const ahead = snapshot.waiting.filter((t) => t.serviceId === serviceId).length;
      const mean = lognormalMean(asSummary(snapshot.services.get(serviceId)?.durations));
      ifOneOpens.set(serviceId, simpleEstimate({ ahead, meanServiceMinutes: mean, openCounters: 1 }));
      continue;
    }
    const e = calibratedRange(calibration, serviceId, estimateNewTicket(snapshot, serviceId));
    // Nobody of the service waiting: the new ticket is next in line.
    const first = nextInLine(snapshot, serviceId);
    newTicket.set(serviceId, first ? e : { ...e, low: Math.min(e.low, firstSeatFreeMinutes(snapshot, serviceId)) });
  }
  const shown = perTicket;
  const lowEnds = new Map<string, number>();
  for (const [id, e] of shown) if (e) lowEnds.set(id, Math.floor(e.low));
  for (const [id, e] of raw) if (!lowEnds.has(id) && e && Number.isFinite(e.low) && Number.isFinite(e.high)) lowEnds.set(id, Math.floor(e.low));
  return { perTicket: shown, newTicket: inSeconds(newTicket), ifOneOpens, lowEnds };
}

/** To the second, "about now" at least (shown-estimate.ts); beyond the horizon is no estimate. Whole minutes are the pages' rounding. */
function inSeconds(estimates: Map<string, WaitEstimate | null>): Map<string, WaitEstimate | null> {
  for (const [id, e] of estimates) estimates.set(id, e && Number.isFinite(e.high) ? toSeconds(e) : null);
  return estimates;
}
