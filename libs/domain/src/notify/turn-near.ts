/**
 * "Your turn is near" (issue 20): the citizen who asked from the ticket page is
 * told once, when the estimator's LOW END of the remaining wait falls below the
 * site's travel buffer. The low end, not the place in line: two places can be a
 * minute or forty, and the low end is the earliest the call is likely to come.
 *
 * Hysteresis: the first "yes" latches (the ticket's `turn_near_at` is set in the
 * statement that writes the message), so a recount that lifts the estimate
 * above the buffer and lowers it again never sends a second message. A margin
 * above the buffer makes up for the time between two evaluations and for the
 * low end being a rounded, optimistic figure; the day simulator chose it
 * (libs/domain/src/notify/turn-near.sim.spec.ts).
 */

/** The site's travel buffer when settings.notifications.turnNearMinutes says nothing. */
export const DEFAULT_TURN_NEAR_MINUTES = 10;

/** Minutes above the buffer at which the message goes (chosen on the day simulator). */
export const TURN_NEAR_MARGIN_MINUTES = 5;

/** The site's travel buffer in minutes: settings.notifications.turnNearMinutes (1…120), else the default. */
export function turnNearBuffer(settings: unknown): number {
  const value = (settings as { notifications?: { turnNearMinutes?: unknown } } | null)?.notifications?.turnNearMinutes;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 120 ? value : DEFAULT_TURN_NEAR_MINUTES;
}

/**
 * Whether to send "turn near" now. `lowMinutes` is the low end of the ticket's
 * remaining wait (null: no estimate, e.g. no open counter serves it: then
 * nobody knows, and nothing is sent until there is one). `alreadySent` is the
 * latch: once sent, never again, whatever the estimate does afterwards.
 */
export function shouldSendTurnNear(lowMinutes: number | null | undefined, bufferMinutes: number, alreadySent: boolean, marginMinutes = TURN_NEAR_MARGIN_MINUTES): boolean {
  if (alreadySent || lowMinutes === null || lowMinutes === undefined || !Number.isFinite(lowMinutes)) return false;
  return lowMinutes < bufferMinutes + marginMinutes;
}

/**
 * Whether the ticket page offers "tell me when it's near" (and the endpoint takes a first ask): only while the
 * low end is at or above the buffer plus margin, or unknown. Below it the turn is near already: a message now
 * could not come the buffer before the call, so the page says "stay in the waiting room" instead.
 */
export function turnNearOffered(lowMinutes: number | null | undefined, bufferMinutes: number, marginMinutes = TURN_NEAR_MARGIN_MINUTES): boolean {
  return !shouldSendTurnNear(lowMinutes, bufferMinutes, false, marginMinutes);
}
