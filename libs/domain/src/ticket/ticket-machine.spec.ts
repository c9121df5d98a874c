import fc from 'fast-check';
import { DomainError } from '../errors';
import { DEFAULT_NO_SHOW_RULE, TICKET_ACTIONS, TicketAction, assertNoShowAllowed, canApply, nextStatus } from './ticket-machine';
import { ENDED_STATUSES, TICKET_STATUSES, TicketStatus, isEnded } from './ticket-status';

/**
 * The transition table written out independently of the implementation, from the
 * domain brief: waiting → called → in-service → finished, with recall, no-show,
 * cancel, transfer (back to waiting), expiry of waiting tickets at closing and
 * requeue of a called ticket when its counter closes. Ended statuses accept nothing.
 */
const EXPECTED: Record<TicketAction, { from: TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'in-service' },
  'no-show': { from: ['called'], to: 'no-show' },
  cancel: { from: ['waiting', 'called'], to: 'cancelled' },
  transfer: { from: ['waiting', 'called', 'in-service'], to: 'waiting' },
  finish: { from: ['called', 'in-service'], to: 'finished' },
  expire: { from: ['waiting'], to: 'expired' },
  requeue: { from: ['called'], to: 'waiting' },
};

const action = fc.constantFrom(...TICKET_ACTIONS);
const status = fc.constantFrom(...TICKET_STATUSES);

function refusal(fn: () => unknown): DomainError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

describe('ticket state machine', () => {
  it('knows exactly the actions of the table', () => {
    expect([...TICKET_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(TICKET_STATUSES.flatMap((s) => TICKET_ACTIONS.map((a) => [s, a] as const)))('%s + %s follows the table', (s, a) => {
    const allowed = EXPECTED[a].from.includes(s);
    expect(canApply(s, a)).toBe(allowed);
    if (allowed) {
      expect(nextStatus(s, a)).toBe(EXPECTED[a].to);
    } else {
      const e = refusal(() => nextStatus(s, a));
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ kind: 'conflict', code: 'illegal_transition' });
      expect(e!.message).toContain(s);
    }
  });

  it('ended statuses accept no action at all', () => {
    for (const s of ENDED_STATUSES) {
      expect(isEnded(s)).toBe(true);
      for (const a of TICKET_ACTIONS) expect(canApply(s, a)).toBe(false);
    }
  });

  it('random action sequences from waiting stay inside the table; every refused action is a 409 illegal_transition and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => {
        let current: TicketStatus = 'waiting';
        let ended = false;
        for (const a of actions) {
          const before: TicketStatus = current;
          const e = refusal(() => {
            current = nextStatus(before, a);
          });
          const legal = EXPECTED[a].from.includes(before);
          if (e) {
            // Refused: a 409 illegal_transition, for an action the table forbids, and nothing changed.
            if (e.kind !== 'conflict' || e.code !== 'illegal_transition' || legal || current !== before) return false;
          } else if (!legal || current !== EXPECTED[a].to) {
            return false;
          }
          if (!TICKET_STATUSES.includes(current)) return false;
          // Once ended, a ticket never changes again.
          if (ended && current !== before) return false;
          ended ||= isEnded(current);
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('canApply and nextStatus agree for any status and action', () => {
    fc.assert(
      fc.property(status, action, (s, a) => {
        const e = refusal(() => nextStatus(s, a));
        expect(e === undefined).toBe(canApply(s, a));
      }),
    );
  });

  it('every status is reachable from waiting, and only the table’s edges are ever taken', () => {
    const seen = new Set<TicketStatus>(['waiting']);
    const edges = new Set<string>();
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let s: TicketStatus = 'waiting';
        for (const a of actions) {
          if (!canApply(s, a)) continue;
          const to = nextStatus(s, a);
          edges.add(`${s} -${a}-> ${to}`);
          s = to;
          seen.add(s);
        }
      }),
      { numRuns: 2000 },
    );
    expect([...seen].sort()).toEqual([...TICKET_STATUSES].sort());
    const allowed = new Set(Object.entries(EXPECTED).flatMap(([a, t]) => t.from.map((f) => `${f} -${a}-> ${t.to}`)));
    for (const e of edges) expect(allowed).toContain(e);
    expect(edges.size).toBe(allowed.size);
  });
});

describe('no-show rule', () => {
  const calledAt = new Date('2026-03-02T09:00:00Z');
  const at = (seconds: number) => new Date(calledAt.getTime() + seconds * 1000);

  it('refuses a no-show right after the call with 422 no_show_too_early', () => {
    const e = refusal(() => assertNoShowAllowed({ recallCount: 0, calledAt }, at(5)));
    expect(e).toMatchObject({ kind: 'rule', code: 'no_show_too_early' });
  });

  it('allows it after a recall or after the waiting time', () => {
    expect(() => assertNoShowAllowed({ recallCount: 1, calledAt }, at(1))).not.toThrow();
    expect(() => assertNoShowAllowed({ recallCount: 0, calledAt }, at(DEFAULT_NO_SHOW_RULE.afterSeconds))).not.toThrow();
  });

  it('is allowed exactly when recalls or seconds reach the rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 600 }),
        fc.record({ minRecalls: fc.integer({ min: 0, max: 5 }), afterSeconds: fc.integer({ min: 0, max: 600 }) }),
        (recalls, seconds, rule) => {
          const e = refusal(() => assertNoShowAllowed({ recallCount: recalls, calledAt }, at(seconds), rule));
          const allowed = recalls >= rule.minRecalls || seconds >= rule.afterSeconds;
          expect(e === undefined).toBe(allowed);
          if (e) expect(e).toMatchObject({ kind: 'rule', code: 'no_show_too_early' });
        },
      ),
    );
  });
});
