/**
 * The "turn near" rule on a simulated day (issue 20's proof): a share of the
 * walk-ins ask on the ticket page a little after drawing their ticket; the room
 * is estimated as the app estimates it (estimateRoom's lowEnds: the schedule
 * estimator's low end, capped and rounded as every page shows it) after every change and at every
 * sweep between changes, and `shouldSendTurnNear` decides with the outbox's
 * latch. Each asker's message time is set against the real call.
 *
 * A citizen may ask only when the page offers it, as the app does: only while the
 * estimator's low end is at or above the buffer plus margin (or unknown), i.e. while
 * `shouldSendTurnNear` would not send at once. One whose turn is already near is
 * told to stay in the room (`notOffered`) and is no asker.
 */
import { shouldSendTurnNear, turnNearOffered } from '../notify/turn-near';
import { estimateRoom } from '../wait/room-estimates';
import { mixSeed, sfc32 } from '../wait/seeded-random';
import { generateDayPlan } from './day-plan';
import { simulateDay } from './day-simulator';
import { Scenario } from './scenario';

export interface TurnNearOptions {
  /** Share of walk-ins who ask (0…1). */
  askShare: number;
  /** The site's travel buffer. */
  bufferMinutes: number;
  marginMinutes?: number;
  /** Minutes between sweeps (the app's TURN_NEAR_SWEEP_SECONDS / 60). */
  sweepMinutes: number;
  /** Asking takes up to this long after the ticket is drawn (opening the page, the tap). */
  askWithinMinutes: number;
}

export interface AskerOutcome {
  visitId: string;
  askedAt: number;
  /** When "turn near" was sent (minute of day); null: never. */
  sentAt: number | null;
  /** How many times the rule said yes with the latch in place (must be 1 or 0). */
  messages: number;
  /** How often the low end rose back to the buffer or above after the message: recounts the latch held. */
  recrossings: number;
  /** The real call (minute of day); null when never called (gave up). */
  calledAt: number | null;
}

export interface TurnNearDebug {
  /** Low end when asked. */
  lowAtAsk?: number | null;
}

export interface TurnNearDay {
  seed: number;
  askers: AskerOutcome[];
  /** Walk-ins who opened the page to ask while their turn was already near: told to stay, not offered. */
  notOffered: number;
}


export function turnNearDay(seed: number, scenario: Scenario, options: TurnNearOptions): TurnNearDay {
  const plan = generateDayPlan(seed, scenario);
  const rng = sfc32(mixSeed(seed, 0x7e4a));
  const askAt = new Map<string, number>();
  for (const v of plan.visits) {
    if (v.appointmentAt === null && rng.next() < options.askShare) askAt.set(v.id, v.arriveAt + rng.next() * options.askWithinMinutes);
  }
  const state = new Map<string, AskerOutcome & { above: boolean }>();
  const refused = new Set<string>();
  const pendingIds = (waiting: readonly { id: string }[], t: number) =>
    waiting.filter((w) => askAt.has(w.id) && askAt.get(w.id)! <= t && !refused.has(w.id));
  const result = simulateDay(plan, scenario, [], {
    tickMinutes: options.sweepMinutes,
    at: [...askAt.values()],
    observe(t, snapshot) {
      const room = snapshot();
      const asked = pendingIds(room.waiting, t);
      // The estimate is the costly part: needed for an ask and for everyone not told yet; for those told already
      // (only to count the recounts the latch holds) at the minute sweeps alone.
      const untold = asked.some((w) => state.get(w.id)?.sentAt == null);
      if (!asked.length || (!untold && !Number.isInteger(t))) return;
      const { lowEnds } = estimateRoom(room);
      for (const w of asked) {
        const low = lowEnds.get(w.id) ?? null;
        let s = state.get(w.id);
        if (!s) {
          // The first look is the ask: offered only while the turn is not near yet.
          if (!turnNearOffered(low, options.bufferMinutes, options.marginMinutes)) {
            refused.add(w.id);
            continue;
          }
          state.set(w.id, (s = { visitId: w.id, askedAt: askAt.get(w.id)!, sentAt: null, messages: 0, recrossings: 0, calledAt: null, above: false }));
        }
        if (shouldSendTurnNear(low, options.bufferMinutes, s.sentAt !== null, options.marginMinutes)) {
          s.sentAt = t;
          s.messages++;
        }
        // Would have said yes again without the latch after rising above the threshold: a recount the latch held.
        const wouldSend = shouldSendTurnNear(low, options.bufferMinutes, false, options.marginMinutes);
        if (s.sentAt !== null && s.sentAt !== t && wouldSend && s.above) s.recrossings++;
        s.above = s.sentAt !== null && !wouldSend;
      }
    },
  });
  const askers: AskerOutcome[] = [];
  for (const r of result.records) {
    if (!askAt.has(r.visitId) || refused.has(r.visitId)) continue;
    const s = state.get(r.visitId);
    const calledAt = r.waitMinutes === null ? null : r.issuedAt + r.waitMinutes;
    // Called before the ask registered (a very short wait): asked on a called ticket, which the endpoint refuses.
    if (calledAt !== null && calledAt < askAt.get(r.visitId)!) continue;
    askers.push({ visitId: r.visitId, askedAt: askAt.get(r.visitId)!, sentAt: s?.sentAt ?? null, messages: s?.messages ?? 0, recrossings: s?.recrossings ?? 0, calledAt });
  }
  return { seed, askers, notOffered: refused.size };
}
