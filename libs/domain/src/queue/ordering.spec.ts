import fc from 'fast-check';
import {
  CallContext,
  DEFAULT_ORDERING,
  ORDERING_POLICIES,
  OrderingPolicy,
  OrderingSettings,
  QueuedTicket,
  callClass,
  callOrder,
  compareForCall,
  pickNext,
} from './ordering';

const BASE = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(BASE + ms);

function context(serviceIds: string[], targets: Record<string, number>, settings: Partial<OrderingSettings>, nowMs: number): CallContext {
  return { serviceIds, targetWaitMinutes: new Map(Object.entries(targets)), settings: { ...DEFAULT_ORDERING, ...settings }, now: at(nowMs) };
}

// ---------------------------------------------------------------------------
// A small discrete-time simulation: each minute, arrivals first (distinct
// millisecond stamps), then every counter calls once through pickNext.
// ---------------------------------------------------------------------------

interface Arrival {
  service: number;
  priority: number;
}

interface SimInput {
  policy: OrderingPolicy;
  targets: number[];
  decay: number;
  headStart: number;
  /** Each counter's services in its order of preference (indexes into targets). */
  profiles: number[][];
  /** Raw arrivals per minute; a token bucket thins them to at most burst + rho·k·n in any n minutes. */
  arrivals: Arrival[][];
  rho: number;
  burst: number;
}

interface SimTicket extends QueuedTicket {
  arrivalTick: number;
  /** Tickets waiting right after this one's minute of arrivals, itself excluded. */
  queueAtArrival: number;
  calledTick?: number;
}

interface SimResult {
  tickets: SimTicket[];
  /** Every call in order, with the tickets that were waiting (and callable by that counter) at that moment. */
  calls: { ticket: SimTicket; waiting: SimTicket[]; tick: number }[];
}

const svc = (i: number) => `svc-${i}`;

function simulate(input: SimInput, maxTicks = 5000): SimResult {
  const k = input.profiles.length;
  const rate = input.rho * k;
  const capacity = input.burst + rate;
  let tokens = capacity;
  const targets = Object.fromEntries(input.targets.map((t, i) => [svc(i), t]));
  const waiting: SimTicket[] = [];
  const tickets: SimTicket[] = [];
  const calls: SimResult['calls'] = [];
  let id = 0;
  for (let tick = 0; tick < maxTicks; tick++) {
    if (tick > 0) tokens = Math.min(capacity, tokens + rate);
    const admitted: SimTicket[] = [];
    for (const a of input.arrivals[tick] ?? []) {
      if (tokens < 1) break;
      tokens -= 1;
      const t: SimTicket = {
        id: `t${String(id).padStart(6, '0')}`,
        serviceId: svc(a.service),
        orderedAt: at(tick * MINUTE + admitted.length + 1),
        priority: a.priority,
        appointmentAt: null,
        arrivalTick: tick,
        queueAtArrival: 0,
      };
      id++;
      admitted.push(t);
    }
    waiting.push(...admitted);
    for (const t of admitted) t.queueAtArrival = waiting.length - 1;
    tickets.push(...admitted);
    for (const profile of input.profiles) {
      const ctx = context(profile.map(svc), targets, { policy: input.policy, preferenceDecay: input.decay, priorityHeadStartMinutes: input.headStart }, tick * MINUTE + 500);
      const callable = waiting.filter((t) => ctx.serviceIds.includes(t.serviceId));
      const next = pickNext(waiting, ctx);
      if (!next) continue;
      next.calledTick = tick;
      calls.push({ ticket: next, waiting: callable, tick });
      waiting.splice(waiting.indexOf(next), 1);
    }
    if (tick >= input.arrivals.length && waiting.length === 0) break;
  }
  return { tickets, calls };
}

const permutation = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });

function simInput(opts: { policies: readonly OrderingPolicy[]; fullProfiles: boolean; minutes: number }) {
  return fc
    .record({
      policy: fc.constantFrom(...opts.policies),
      nServices: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 3 }),
      decay: fc.constantFrom(0.25, 0.5, 0.75, 1),
      headStart: fc.constantFrom(0, 5, 10, 30),
      rho: fc.constantFrom(0.5, 0.7, 0.85, 0.95),
      burst: fc.integer({ min: 0, max: 12 }),
    })
    .chain((p) =>
      fc.record({
        policy: fc.constant(p.policy),
        decay: fc.constant(p.decay),
        headStart: fc.constant(p.headStart),
        rho: fc.constant(p.rho),
        burst: fc.constant(p.burst),
        targets: fc.array(fc.constantFrom(5, 10, 15, 20, 30, 45), { minLength: p.nServices, maxLength: p.nServices }),
        profiles: fc.array(
          opts.fullProfiles ? permutation(p.nServices) : fc.shuffledSubarray([...Array(p.nServices).keys()], { minLength: 1 }),
          { minLength: p.k, maxLength: p.k },
        ),
        arrivals: fc.array(
          fc.array(fc.record({ service: fc.integer({ min: 0, max: p.nServices - 1 }), priority: fc.constantFrom(0, 0, 0, 1, 2) }), { maxLength: 2 * p.k + 2 }),
          { minLength: opts.minutes, maxLength: opts.minutes },
        ),
      }),
    );
}

/**
 * While a ticket X waits w minutes, the k counters make k·w calls. A ticket Y
 * called ahead of X that arrived after X must be at least as urgent:
 * (t − oY + H)/tmin ≥ c·(t − oX)/tmin with c = decay^(n−1)·tmin/tmax, so Y
 * arrived within (1−c)·w + H minutes after X. The token bucket allows at most
 * burst + ρk·L arrivals in L minutes, so k·w ≤ Q + burst + ρk((1−c)w + H) and
 * w ≤ (Q + burst + ρkH) / (k(1 − ρ(1−c))). FIFO is the case c = 1, H = 0.
 */
function waitBound(input: SimInput, queueAtArrival: number): number {
  const k = input.profiles.length;
  const n = input.targets.length;
  const [c, h] =
    input.policy === 'fifo'
      ? [1, 0]
      : [(Math.pow(input.decay, n - 1) * Math.min(...input.targets)) / Math.max(...input.targets), input.headStart + 0.02];
  return (queueAtArrival + input.burst + input.rho * k * h) / (k * (1 - input.rho * (1 - c)));
}

describe('call ordering: no starvation while counters keep calling', () => {
  it.each(['target-aware', 'fifo'] as const)('%s: every ticket is called within a bound set by the queue it joined', (policy) => {
    fc.assert(
      fc.property(simInput({ policies: [policy], fullProfiles: true, minutes: 90 }), (input) => {
        const { tickets } = simulate(input);
        for (const t of tickets) {
          if (t.calledTick === undefined) return false;
          const waited = t.calledTick - t.arrivalTick;
          if (waited > waitBound(input, t.queueAtArrival) + 1e-9) {
            throw new Error(`${t.id} (${t.serviceId}, priority ${t.priority}) waited ${waited} min, bound ${waitBound(input, t.queueAtArrival).toFixed(2)}`);
          }
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('profile-order may starve a less preferred service by design; target-aware on the same day does not', () => {
    // One counter calling once a minute; its preferred service A gets one arrival a minute, B one ticket at t = 0.
    const arrivals: Arrival[][] = Array.from({ length: 200 }, (_, i) => (i === 0 ? [{ service: 1, priority: 0 }, { service: 0, priority: 0 }] : [{ service: 0, priority: 0 }]));
    const day = (policy: OrderingPolicy): SimInput => ({ policy, targets: [5, 60], decay: 0.5, headStart: 10, profiles: [[0, 1]], arrivals, rho: 1, burst: 2 });
    const b = (policy: OrderingPolicy) => simulate(day(policy), 199).tickets.find((t) => t.serviceId === svc(1))!;
    expect(b('profile-order').calledTick).toBeUndefined();
    expect(b('target-aware').calledTick).toBeLessThan(5);
  });
});

describe('call ordering: first come, first served within a class', () => {
  it.each(ORDERING_POLICIES)('%s: a ticket is never called while one of the same service and priority that came earlier waits', (policy) => {
    fc.assert(
      fc.property(simInput({ policies: [policy], fullProfiles: false, minutes: 60 }), (input) => {
        const { calls } = simulate(input, 400);
        for (const { ticket, waiting } of calls) {
          const earlier = waiting.find((w) => w.serviceId === ticket.serviceId && w.priority === ticket.priority && w.orderedAt < ticket.orderedAt);
          if (earlier) throw new Error(`${ticket.id} called before ${earlier.id} of the same class`);
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it.each(ORDERING_POLICIES)('%s: callOrder keeps arrival order within one service and priority', (policy) => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 3 * 3600_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 3 }),
        (stamps, priority) => {
          const tickets = stamps.map((ms, i) => ({ id: `t${i}`, serviceId: 'a', orderedAt: at(ms), priority, appointmentAt: null }));
          const order = callOrder(tickets, context(['a'], { a: 15 }, { policy }, 4 * 3600_000));
          const times = order.map((t) => t.orderedAt.getTime());
          expect(times).toEqual([...times].sort((x, y) => x - y));
        },
      ),
    );
  });
});

describe('call ordering: a priority ticket gets its head start, not the front of the line', () => {
  const ticket = fc.record({ ms: fc.integer({ min: 0, max: 4 * 3600_000 }), priority: fc.constantFrom(0, 0, 1, 3) });

  it('within one service, priority P is called before normal N exactly when N was issued after P − headStart', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(ticket, { minLength: 2, maxLength: 25, selector: (t) => t.ms }),
        fc.constantFrom(1, 5, 10, 30),
        fc.constantFrom(5, 15, 30),
        fc.integer({ min: 0, max: 3600_000 }),
        (raw, headStart, target, extraNow) => {
          const tickets = raw.map((t, i) => ({ id: `t${i}`, serviceId: 'a', orderedAt: at(t.ms), priority: t.priority, appointmentAt: null }));
          const nowMs = Math.max(...raw.map((t) => t.ms)) + extraNow;
          const order = callOrder(tickets, context(['a'], { a: target }, { policy: 'target-aware', priorityHeadStartMinutes: headStart }, nowMs));
          const rank = new Map(order.map((t, i) => [t.id, i]));
          for (const p of tickets.filter((t) => t.priority > 0)) {
            for (const n of tickets.filter((t) => t.priority === 0)) {
              const cutoff = p.orderedAt.getTime() - headStart * MINUTE;
              if (n.orderedAt.getTime() === cutoff) continue; // an exact tie goes to the earlier ticket
              const pFirst = rank.get(p.id)! < rank.get(n.id)!;
              if (pFirst !== n.orderedAt.getTime() > cutoff) {
                throw new Error(`priority ${p.id}@${p.orderedAt.toISOString()} vs normal ${n.id}@${n.orderedAt.toISOString()} with head start ${headStart}`);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('example: with a 10 minute head start, priority issued at 10:00 goes after a normal ticket from 09:49 and before one from 09:51', () => {
    const ctx = context(['a'], { a: 15 }, { policy: 'target-aware', priorityHeadStartMinutes: 10 }, 125 * MINUTE);
    const tickets = [
      { id: 'n0949', serviceId: 'a', orderedAt: at(109 * MINUTE), priority: 0, appointmentAt: null },
      { id: 'n0951', serviceId: 'a', orderedAt: at(111 * MINUTE), priority: 0, appointmentAt: null },
      { id: 'p1000', serviceId: 'a', orderedAt: at(120 * MINUTE), priority: 1, appointmentAt: null },
    ];
    expect(callOrder(tickets, ctx).map((t) => t.id)).toEqual(['n0949', 'p1000', 'n0951']);
  });

  it('in the simulation, one service is served in order of arrival minus head start', () => {
    fc.assert(
      fc.property(simInput({ policies: ['target-aware'], fullProfiles: true, minutes: 60 }), (input) => {
        const single = { ...input, targets: [input.targets[0]], profiles: input.profiles.map(() => [0]), arrivals: input.arrivals.map((m) => m.map((a) => ({ ...a, service: 0 }))) };
        const virtual = (t: QueuedTicket) => t.orderedAt.getTime() - (t.priority > 0 ? single.headStart * MINUTE : 0);
        for (const { ticket, waiting } of simulate(single, 400).calls) {
          const ahead = waiting.find((w) => virtual(w) < virtual(ticket));
          if (ahead) throw new Error(`${ticket.id} called while ${ahead.id} had an earlier virtual arrival`);
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });
});

describe('call ordering: appointments', () => {
  const kind = fc.constantFrom('walk-in', 'due', 'early');
  const entry = fc.record({ kind, ms: fc.integer({ min: 0, max: 3600_000 }), offset: fc.integer({ min: 0, max: 40 * MINUTE }), service: fc.constantFrom('a', 'b'), priority: fc.constantFrom(0, 1) });

  it.each(ORDERING_POLICIES)('%s: due appointments first by appointment time, then walk-ins, then those not due yet', (policy) => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { minLength: 1, maxLength: 25, selector: (e) => e.ms }), fc.constantFrom(0, 2, 5), (entries, callAhead) => {
        const nowMs = 2 * 3600_000;
        const ctx = context(['a', 'b'], { a: 10, b: 20 }, { policy, appointmentCallAheadMinutes: callAhead }, nowMs);
        const dueLimit = nowMs + callAhead * MINUTE; // due when appointmentAt − callAhead ≤ now
        const tickets = entries.map((e, i) => ({
          id: `t${String(i).padStart(2, '0')}`,
          serviceId: e.service,
          orderedAt: at(e.ms),
          priority: e.priority,
          appointmentAt: e.kind === 'walk-in' ? null : e.kind === 'due' ? at(dueLimit - e.offset) : at(dueLimit + 1 + e.offset),
        }));
        const order = callOrder(tickets, ctx);
        const classes = order.map((t) => callClass(t, ctx));
        expect(classes).toEqual([...classes].sort());
        for (const [t, c] of order.map((t, i) => [t, classes[i]] as const)) {
          const expected = t.appointmentAt === null ? 1 : t.appointmentAt.getTime() <= at(dueLimit).getTime() ? 0 : 2;
          expect(c).toBe(expected);
        }
        for (const cls of [0, 2]) {
          const times = order.filter((_, i) => classes[i] === cls).map((t) => t.appointmentAt!.getTime());
          expect(times).toEqual([...times].sort((x, y) => x - y));
        }
        expect(pickNext(tickets, ctx)).toBe(order[0]);
      }),
      { numRuns: 200 },
    );
  });

  it('an appointment is due exactly callAhead minutes before its time', () => {
    const ctx = context(['a'], { a: 15 }, { appointmentCallAheadMinutes: 2 }, 60 * MINUTE);
    const appt = (ms: number) => ({ id: 'x', serviceId: 'a', orderedAt: at(0), priority: 0, appointmentAt: at(ms) });
    expect(callClass(appt(62 * MINUTE), ctx)).toBe(0);
    expect(callClass(appt(62 * MINUTE + 1), ctx)).toBe(2);
    expect(callClass({ ...appt(0), appointmentAt: null }, ctx)).toBe(1);
  });
});

describe('call ordering: a total order restricted to the counter’s profile', () => {
  const ticketArb = fc.record({
    ms: fc.integer({ min: 0, max: 3 * 3600_000 }),
    service: fc.constantFrom('a', 'b', 'c', 'z'),
    priority: fc.constantFrom(0, 1),
    appt: fc.option(fc.integer({ min: 0, max: 5 * 3600_000 }), { freq: 3 }),
  });

  it.each(ORDERING_POLICIES)('%s: compareForCall is antisymmetric and transitive, and pickNext only picks from the profile', (policy) => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 20 }), fc.shuffledSubarray(['a', 'b', 'c'], { minLength: 1 }), (raw, profile) => {
        const tickets = raw.map((r, i) => ({ id: `t${i}`, serviceId: r.service, orderedAt: at(r.ms), priority: r.priority, appointmentAt: r.appt === null ? null : at(r.appt) }));
        const ctx = context(profile, { a: 10, b: 15, c: 30, z: 5 }, { policy }, 3 * 3600_000);
        const cmp = (x: QueuedTicket, y: QueuedTicket) => Math.sign(compareForCall(x, y, ctx));
        for (const x of tickets) {
          for (const y of tickets) {
            if (cmp(x, y) !== -cmp(y, x) || (x !== y && cmp(x, y) === 0)) throw new Error(`not antisymmetric: ${x.id} ${y.id}`);
            for (const z of tickets) {
              if (cmp(x, y) < 0 && cmp(y, z) < 0 && !(cmp(x, z) < 0)) throw new Error(`not transitive: ${x.id} ${y.id} ${z.id}`);
            }
          }
        }
        const order = callOrder(tickets, ctx);
        for (let i = 1; i < order.length; i++) expect(compareForCall(order[i - 1], order[i], ctx)).toBeLessThan(0);
        expect(order.every((t) => profile.includes(t.serviceId))).toBe(true);
        expect(order.length).toBe(tickets.filter((t) => profile.includes(t.serviceId)).length);
        expect(pickNext(tickets, ctx)).toBe(order[0]);
      }),
      { numRuns: 150 },
    );
  });
});
