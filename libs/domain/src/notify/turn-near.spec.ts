import { DEFAULT_TURN_NEAR_MINUTES, TURN_NEAR_MARGIN_MINUTES, shouldSendTurnNear, turnNearBuffer, turnNearOffered } from './turn-near';

describe('turn near', () => {
  const at = DEFAULT_TURN_NEAR_MINUTES + TURN_NEAR_MARGIN_MINUTES;

  it('sends once the low end of the remaining wait falls below the buffer (and the margin)', () => {
    expect(shouldSendTurnNear(at, 10, false)).toBe(false);
    expect(shouldSendTurnNear(at - 1, 10, false)).toBe(true);
    expect(shouldSendTurnNear(0, 10, false)).toBe(true);
    expect(shouldSendTurnNear(40, 10, false)).toBe(false);
  });

  it('never sends twice: the first yes latches, whatever a recount says after it', () => {
    // The estimate drops, rises above the buffer (a counter paused), drops again: one message.
    const lows = [30, 20, 9, 14, 25, 8, 3, 0];
    let sent = false;
    let messages = 0;
    for (const low of lows) {
      if (shouldSendTurnNear(low, 10, sent, 0)) {
        messages++;
        sent = true;
      }
    }
    expect(messages).toBe(1);
  });

  it('sends nothing without an estimate (no open counter serves the service)', () => {
    expect(shouldSendTurnNear(null, 10, false)).toBe(false);
    expect(shouldSendTurnNear(undefined, 10, false)).toBe(false);
    expect(shouldSendTurnNear(Number.NaN, 10, false)).toBe(false);
  });

  it('takes the margin as given', () => {
    expect(shouldSendTurnNear(12, 10, false, 3)).toBe(true);
    expect(shouldSendTurnNear(13, 10, false, 3)).toBe(false);
  });

  it("reads the site's travel buffer from its settings, else 10 minutes", () => {
    expect(turnNearBuffer({ notifications: { turnNearMinutes: 15 } })).toBe(15);
    expect(turnNearBuffer({ notifications: {} })).toBe(10);
    expect(turnNearBuffer(null)).toBe(10);
    expect(turnNearBuffer({ notifications: { turnNearMinutes: 0 } })).toBe(10);
    expect(turnNearBuffer({ notifications: { turnNearMinutes: '5' } })).toBe(10);
  });

  it('offers "tell me" only while a message could still come the buffer ahead: at or above buffer plus margin, or no estimate', () => {
    expect(turnNearOffered(at, 10)).toBe(true);
    expect(turnNearOffered(at - 1, 10)).toBe(false);
    expect(turnNearOffered(0, 10)).toBe(false);
    expect(turnNearOffered(null, 10)).toBe(true);
    // Exactly where the message would be written at once: never offered and sent in the same breath.
    for (const low of [0, 5, 14, 15, 16, 40]) expect(turnNearOffered(low, 10)).toBe(!shouldSendTurnNear(low, 10, false));
  });
});
