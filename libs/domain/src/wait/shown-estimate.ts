/**
 * Seconds inside, whole minutes only at the edge (issue 23 item 4). The room's
 * estimates are kept to the second; a ticket stores what it was told in seconds
 * (and, for the receipt and older readers, the whole minutes a page shows); pages
 * round at display (libs/web format.ts `waitText`).
 */
import { WaitEstimate } from './simple-estimate';

/**
 * A range that ends within a minute is told as "about now": a certain immediate
 * call is a promise to be called within this, not at second 0 (a few seconds of
 * walking or reacting would otherwise score as a miss).
 */
export const ABOUT_NOW_MINUTES = 1;

/** An estimate to the second (minutes with at most 1/60 fraction), the high end at least "about now". */
export function toSeconds(e: WaitEstimate): WaitEstimate {
  const s = (m: number) => Math.round(m * 60) / 60;
  const high = Math.max(s(e.high), ABOUT_NOW_MINUTES);
  return { minutes: Math.min(s(e.minutes), high), low: Math.min(s(e.low), high), high };
}

/** Whether the estimate is told as "about now" (da "om lidt"): the whole range within a minute. */
export function isAboutNow(e: WaitEstimate): boolean {
  return e.high <= ABOUT_NOW_MINUTES;
}

/** The whole minutes a page shows: the point rounded, the range widened outwards. */
export function wholeMinutes(e: WaitEstimate): WaitEstimate {
  return { minutes: Math.round(e.minutes), low: Math.floor(e.low), high: Math.ceil(e.high) };
}

/** What a ticket stores of the estimate it was told: seconds, and the whole minutes shown (null: no estimate told). */
export function storedEstimate(e: WaitEstimate | null): StoredEstimate {
  if (!e) return { estimateSeconds: null, estimateLowSeconds: null, estimateHighSeconds: null, estimateMinutes: null, estimateLow: null, estimateHigh: null };
  const w = wholeMinutes(e);
  return {
    estimateSeconds: Math.round(e.minutes * 60),
    estimateLowSeconds: Math.round(e.low * 60),
    estimateHighSeconds: Math.round(e.high * 60),
    estimateMinutes: w.minutes,
    estimateLow: w.low,
    estimateHigh: w.high,
  };
}

/** The estimate a ticket was told, from what it stored (seconds where kept, else its whole minutes); null: none told. */
export function fromStored(t: StoredEstimate): WaitEstimate | null {
  if (t.estimateSeconds !== null) {
    return { minutes: t.estimateSeconds / 60, low: (t.estimateLowSeconds ?? t.estimateSeconds) / 60, high: (t.estimateHighSeconds ?? t.estimateSeconds) / 60 };
  }
  if (t.estimateMinutes === null) return null;
  return { minutes: t.estimateMinutes, low: t.estimateLow ?? t.estimateMinutes, high: t.estimateHigh ?? t.estimateMinutes };
}

export interface StoredEstimate {
  estimateSeconds: number | null;
  estimateLowSeconds: number | null;
  estimateHighSeconds: number | null;
  estimateMinutes: number | null;
  estimateLow: number | null;
  estimateHigh: number | null;
}
