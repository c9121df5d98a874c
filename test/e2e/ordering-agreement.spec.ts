/**
 * The SQL claim behind call-next (libs/core claim-next.sql.ts, its ORDER BY in
 * call-order.sql.ts, shared with the place-in-line query) must order
 * waiting tickets exactly like the domain's compareForCall. Random sets of
 * waiting tickets are issued through the API, then given varied ordered_at,
 * priority and appointment_at directly in PostgreSQL (distinct milliseconds);
 * for each policy the tickets that successive call-nexts claim must be the
 * domain's callOrder for the counter's profile, on the same data and clock.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { CallContext, ORDERING_POLICIES, OrderingPolicy, QueuedTicket, callClass, callOrder, urgency } from '../../libs/domain/src';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';

class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

const MINUTE = 60_000;
const TARGETS = [5, 10, 15, 30, 60];

interface Case {
  headStart: number;
  decay: number;
  callAhead: number;
  /** Indexes into the site's services, in the counter's order of preference. */
  profile: number[];
  tickets: { service: number; priority: number; waitedMs: number; appointment: null | number | 'due-exactly' }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  headStart: fc.constantFrom(0, 2.5, 10, 30),
  decay: fc.constantFrom(0, 0.3, 0.5, 1),
  // 1.5 minutes: the API accepts any number 0…60.
  callAhead: fc.constantFrom(0, 1.5, 2, 5),
  profile: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 2 }),
  tickets: fc.uniqueArray(
    fc.record({
      service: fc.constantFrom(0, 1, 2, 3, 4),
      priority: fc.constantFrom(0, 0, 0, 1, 3),
      waitedMs: fc.integer({ min: 0, max: 3 * 60 * MINUTE }).map((ms) => (ms * 7919) % (3 * 60 * MINUTE)),
      appointment: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.integer({ min: -30 * MINUTE, max: 30 * MINUTE }) },
        { weight: 1, arbitrary: fc.constant('due-exactly' as const) },
      ),
    }),
    { minLength: 3, maxLength: 10, selector: (t) => t.waitedMs },
  ),
});

describe('call-next claims what the domain’s ordering picks', () => {
  const clock = new FixedClock(new Date());
  const NOW = clock.at;
  let sys: TestSystem;
  let site: SiteFixture;
  let admin: Api;
  let counter: Api;
  let kiosk: Api;
  let db: Client;
  let counterId: string;
  const log: string[] = [];

  beforeAll(async () => {
    sys = await startSystem({ clock });
    site = await seedSite(sys, { services: 5, counters: 1 });
    admin = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
    counter = sys.counterDisplay[0].as(site.tokens.counter);
    kiosk = sys.ticketing.as(site.tokens.kiosk);
    for (const [i, s] of site.services.entries()) expectStatus(await admin.patch(`/sites/${site.siteId}/services/${s.id}`, { targetWaitMinutes: TARGETS[i] }), 200);
    counterId = site.counters[0].id;
    expectStatus(await counter.post(`/counters/${counterId}/open`), 200);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys?.stop();
  });

  async function play(policy: OrderingPolicy, c: Case) {
    // A clean queue: nothing waiting and nobody at the counter from the previous case.
    await db.query(`UPDATE ticket SET status = 'cancelled', ended_at = $2 WHERE site_id = $1 AND status IN ('waiting', 'called', 'in-service')`, [site.siteId, NOW]);
    const ordering = { policy, priorityHeadStartMinutes: c.headStart, preferenceDecay: c.decay, appointmentCallAheadMinutes: c.callAhead };
    expectStatus(await admin.patch(`/sites/${site.siteId}`, { ordering }), 200);
    const profile = c.profile.map((i) => site.services[i].id);
    expectStatus(await admin.patch(`/sites/${site.siteId}/counters/${counterId}`, { serviceIds: profile }), 200);

    const tickets: (QueuedTicket & { number: string })[] = [];
    const tokens = new Map<string, string>();
    for (const t of c.tickets) {
      const res = await kiosk.post(`/sites/${site.siteId}/tickets`, { serviceId: site.services[t.service].id, priority: t.priority });
      expectStatus(res, 201);
      const orderedAt = new Date(NOW.getTime() - t.waitedMs);
      const appointmentAt =
        t.appointment === null ? null : t.appointment === 'due-exactly' ? new Date(NOW.getTime() + c.callAhead * MINUTE) : new Date(NOW.getTime() + t.appointment);
      await db.query('UPDATE ticket SET ordered_at = $2, priority = $3, appointment_at = $4 WHERE id = $1', [res.body.id, orderedAt, t.priority, appointmentAt]);
      tickets.push({ id: res.body.id, number: res.body.number, serviceId: site.services[t.service].id, orderedAt, priority: t.priority, appointmentAt });
      tokens.set(res.body.id, res.body.trackingToken);
    }

    const ctx: CallContext = {
      serviceIds: profile,
      targetWaitMinutes: new Map(site.services.map((s, i) => [s.id, TARGETS[i]])),
      settings: ordering,
      now: NOW,
    };
    const describeOrder = (list: QueuedTicket[]) =>
      list.map((t) => `${(t as any).number}[class ${callClass(t, ctx)}, urgency ${urgency(t, ctx).toFixed(6)}, ordered ${t.orderedAt.toISOString()}, prio ${t.priority}, appt ${t.appointmentAt?.toISOString() ?? '-'}]`).join('\n    ');

    // Each citizen's place in line (the ticket page's) is their place in the call order of a
    // counter serving only their service.
    for (const t of tickets) {
      const own: CallContext = { ...ctx, serviceIds: [t.serviceId] };
      const line = callOrder(tickets.filter((u) => u.serviceId === t.serviceId), own);
      const at = line.findIndex((u) => u.id === t.id);
      // Only a floating-point tie in target-aware urgency may go either way.
      const tied = (u: QueuedTicket) =>
        policy === 'target-aware' && callClass(u, own) === 1 && callClass(t, own) === 1 && Math.abs(urgency(u, own) - urgency(t, own)) <= 1e-9 * Math.max(1, urgency(t, own));
      const lowest = line.findIndex((u) => u.id === t.id || tied(u)) + 1;
      const highest = at + 1 + line.slice(at + 1).filter(tied).length;
      const tracked = await sys.ticketing.get(`/tickets/track/${tokens.get(t.id)}`);
      expectStatus(tracked, 200);
      if (tracked.body.position < lowest || tracked.body.position > highest) {
        throw new Error(`${policy} ${JSON.stringify(ordering)}: ${t.number} is told place ${tracked.body.position}, the domain says ${at + 1}.\n  its line:\n    ${describeOrder(line)}`);
      }
    }

    let remaining = [...tickets];
    const claimed: string[] = [];
    const calls = Math.min(5, callOrder(tickets, ctx).length + 1);
    for (let i = 0; i < calls; i++) {
      const order = callOrder(remaining, ctx);
      const res = await counter.post(`/counters/${counterId}/call-next`);
      if (!order.length) {
        expect(res.status).toBe(204);
        claimed.push('204');
        break;
      }
      expectStatus(res, 200);
      const got = remaining.find((t) => t.id === res.body.ticket.id);
      const want = order[0];
      if (!got || got.id !== want.id) {
        // Only a floating-point tie in target-aware urgency may go either way.
        const tie = got && policy === 'target-aware' && callClass(got, ctx) === 1 && callClass(want, ctx) === 1 && Math.abs(urgency(got, ctx) - urgency(want, ctx)) <= 1e-9 * Math.max(1, urgency(want, ctx));
        if (!tie) {
          throw new Error(
            `${policy} ${JSON.stringify(ordering)}, profile ${c.profile}: call ${i + 1} claimed ${got ? (got as any).number : res.body.ticket.number} but the domain picks ${(want as any).number}.\n  domain order:\n    ${describeOrder(order)}`,
          );
        }
      }
      claimed.push(res.body.ticket.number);
      remaining = remaining.filter((t) => t.id !== res.body.ticket.id);
      expectStatus(await counter.post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
    }
    log.push(`${policy} head ${c.headStart} decay ${c.decay} ahead ${c.callAhead} profile [${c.profile}] ${tickets.length} tickets → ${claimed.join(' ')}`);
  }

  it.each(ORDERING_POLICIES)('%s: successive claims follow callOrder', async (policy) => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        await play(policy, c);
      }),
      {
        numRuns: 12,
        endOnFailure: true,
        examples: [
          // An appointment due exactly now, a walk-in waiting long, a priority walk-in, a booked citizen who came early.
          [{ headStart: 10, decay: 0.5, callAhead: 1.5, profile: [1, 0], tickets: [
            { service: 0, priority: 0, waitedMs: 170 * MINUTE, appointment: null },
            { service: 1, priority: 1, waitedMs: 3 * MINUTE, appointment: null },
            { service: 0, priority: 0, waitedMs: 1 * MINUTE, appointment: 'due-exactly' },
            { service: 1, priority: 0, waitedMs: 2 * MINUTE, appointment: 20 * MINUTE },
            { service: 2, priority: 0, waitedMs: 100 * MINUTE, appointment: null },
          ] }],
        ],
      },
    );
  });

  afterAll(() => {
    if (log.length) console.log(`Cases played (claimed numbers in order):\n${log.map((l) => '  ' + l).join('\n')}`);
  });
});
