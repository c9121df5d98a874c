import { Client } from 'pg';
import { SiteFixture, openCounter, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusesOf = (replies: Reply[]) => replies.map((r) => r.status).sort((a, b) => a - b);

/**
 * Staff double-tap, close a counter while their own "call next" is still on
 * its way, or two workstations act on one citizen at the same moment: the
 * counter never ends up with two citizens in one seat, a closed counter never
 * keeps a citizen, and a ticket is finished or transferred once.
 */
describe('counter buttons pressed at the same moment never put two citizens in one seat or act on a ticket twice', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let db: Client;
  /** The same counter user on each of the two counter-display instances. */
  let staff: Api[];

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
    f = await seedSite(sys, { counters: 3 });
    staff = sys.counterDisplay.map((api) => api.as(f.tokens.counter));
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    for (const c of f.counters) await openCounter(sys, f, c.id);
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  async function issue(n: number, service = 0): Promise<void> {
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const replies = await Promise.all(Array.from({ length: n }, () => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[service].id })));
    replies.forEach((r) => expectStatus(r, 201));
  }

  async function active(counterId: string): Promise<{ id: string; seat: number }[]> {
    const { rows } = await db.query(`SELECT id, seat FROM ticket WHERE counter_id = $1 AND status IN ('called', 'in-service') ORDER BY seat`, [counterId]);
    return rows;
  }

  async function finishAll(counterId: string): Promise<void> {
    for (const t of await active(counterId)) expectStatus(await staff[0].post(`/tickets/${t.id}/finish`, { outcome: 'resolved' }), 200);
  }

  /** Whatever happened, the database never holds two active tickets in a seat or more than a counter has seats. */
  async function expectSeatsSound(): Promise<void> {
    const { rows } = await db.query(
      `SELECT c.name, c.seats, c.state, t.seat, count(t.id)::int AS n
       FROM counter c JOIN ticket t ON t.counter_id = c.id AND t.status IN ('called', 'in-service')
       WHERE c.site_id = $1 GROUP BY c.id, c.name, c.seats, c.state, t.seat`,
      [f.siteId],
    );
    expect(rows.filter((r) => r.n > 1 || r.seat > r.seats || r.state === 'closed')).toEqual([]);
  }

  it('a double tap on "call next" calls one citizen; the second tap gets 409 seat_busy', async () => {
    const counter = f.counters[0];
    await issue(40);
    for (let i = 0; i < 20; i++) {
      // The two taps go through different instances half of the time; with and without an explicit seat.
      const body = i % 2 ? { seat: 1 } : {};
      const replies = await Promise.all([
        staff[0].post(`/counters/${counter.id}/call-next`, body),
        staff[i % 2].post(`/counters/${counter.id}/call-next`, body),
      ]);
      expect(statusesOf(replies)).toEqual([200, 409]);
      const refused = replies.find((r) => r.status === 409)!;
      expect(refused.body.error.code).toBe('seat_busy');
      const called = replies.find((r) => r.status === 200)!.body.ticket;
      expect(await active(counter.id)).toEqual([{ id: called.id, seat: 1 }]);
      await expectSeatsSound();
      await finishAll(counter.id);
    }
    // Once the citizen is finished, the next tap works again: nothing is stuck.
    expectStatus(await staff[1].post(`/counters/${counter.id}/call-next`), 200);
    await finishAll(counter.id);
  });

  it('a triple tap at a two-seat assisted self-service station fills seats 1 and 2 once each; the third tap gets seat_busy', async () => {
    const admin = sys.triage.as(f.tokens.admin);
    const station = await admin.post(`/sites/${f.siteId}/counters`, {
      name: 'Medbetjening 1',
      kind: 'assisted-self-service',
      seats: 2,
      serviceIds: f.services.map((s) => s.id),
    });
    expectStatus(station, 201);
    await openCounter(sys, f, station.body.id, sys.counterDisplay[1]);
    await issue(30);
    for (let i = 0; i < 10; i++) {
      const replies = await Promise.all([0, 1, 0].map((k) => staff[k].post(`/counters/${station.body.id}/call-next`)));
      expect(statusesOf(replies)).toEqual([200, 200, 409]);
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('seat_busy');
      const seats = await active(station.body.id);
      expect(seats.map((s) => s.seat)).toEqual([1, 2]);
      expect(new Set(seats.map((s) => s.id)).size).toBe(2);
      await expectSeatsSound();
      await finishAll(station.body.id);
    }
  });

  it('closing a counter while its "call next" is in flight never leaves a closed counter with a citizen', async () => {
    const counter = f.counters[1];
    await issue(40, 1);
    const seen = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      // Sent at once, or one of them a few milliseconds ahead, so both orders happen.
      const callDelay = i % 3 === 2 ? i % 7 : 0;
      const closeDelay = i % 3 === 1 ? i % 7 : 0;
      const [call, close] = await Promise.all([
        sleep(callDelay).then(() => staff[i % 2].post(`/counters/${counter.id}/call-next`)),
        sleep(closeDelay).then(() => staff[(i + 1) % 2].post(`/counters/${counter.id}/close`)),
      ]);
      const outcome = `call ${call.status} ${call.body?.error?.code ?? ''} / close ${close.status} ${close.body?.error?.code ?? ''}`.replace(/ +/g, ' ').trim();
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      // Either the call won (the close is refused while the citizen is at the counter) or the close won (the call is refused).
      expect([
        'call 200 / close 409 counter_has_active_ticket',
        'call 409 counter_not_open / close 200',
      ]).toContain(outcome);

      const [{ state }] = (await db.query(`SELECT state FROM counter WHERE id = $1`, [counter.id])).rows;
      const citizens = await active(counter.id);
      if (state === 'closed') expect(citizens).toEqual([]);
      else expect(citizens).toHaveLength(1);
      await expectSeatsSound();

      await finishAll(counter.id);
      if (state === 'closed') await openCounter(sys, f, counter.id, staff[0]);
    }
    // Both orders were exercised (counts are in `seen` when this fails).
    expect([...seen.keys()].sort()).toEqual(['call 200 / close 409 counter_has_active_ticket', 'call 409 counter_not_open / close 200']);
  });

  describe('two workstations acting on one called ticket at once', () => {
    /** Calls a fresh ticket to counter A and returns its id. */
    async function calledTicket(): Promise<string> {
      await issue(1, 0);
      const res = await staff[0].post(`/counters/${f.counters[2].id}/call-next`);
      expectStatus(res, 200);
      return res.body.ticket.id;
    }

    async function eventsOf(ticketId: string): Promise<string[]> {
      const { rows } = await db.query(`SELECT type FROM ticket_event WHERE ticket_id = $1 ORDER BY seq`, [ticketId]);
      return rows.map((r) => r.type);
    }

    const finish = (api: Api, id: string) => api.post(`/tickets/${id}/finish`, { outcome: 'resolved' });
    const transfer = (api: Api, id: string, service = 1) =>
      api.post(`/tickets/${id}/transfer`, { serviceId: f.services[service].id, placement: 'front' });

    it('finish + finish: exactly one succeeds, the other gets 409 illegal_transition', async () => {
      for (let i = 0; i < 10; i++) {
        const id = await calledTicket();
        const replies = await Promise.all([finish(staff[0], id), finish(staff[1], id)]);
        expect(statusesOf(replies)).toEqual([200, 409]);
        expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('illegal_transition');
        expect((await eventsOf(id)).filter((t) => t === 'ticket.finished')).toHaveLength(1);
      }
    });

    it('finish + transfer (either sent first): exactly one succeeds, the other gets 409 illegal_transition', async () => {
      for (let i = 0; i < 12; i++) {
        const id = await calledTicket();
        const pair = i % 2 ? [transfer(staff[1], id), finish(staff[0], id)] : [finish(staff[0], id), transfer(staff[1], id)];
        const replies = await Promise.all(pair);
        expect(statusesOf(replies)).toEqual([200, 409]);
        expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('illegal_transition');
        const won = replies.find((r) => r.status === 200)!.body;
        const events = await eventsOf(id);
        const [{ status, service_id }] = (await db.query(`SELECT status, service_id FROM ticket WHERE id = $1`, [id])).rows;
        if (won.status === 'finished') {
          expect(status).toBe('finished');
          expect(events).not.toContain('ticket.transferred');
        } else {
          expect({ status, service_id }).toEqual({ status: 'waiting', service_id: f.services[1].id });
          expect(events).not.toContain('ticket.finished');
          // Take the transferred citizen out of the way of the next round.
          expectStatus(await staff[0].post(`/tickets/${id}/cancel`), 200);
        }
        expect(events.filter((t) => t === 'ticket.finished' || t === 'ticket.transferred')).toHaveLength(1);
      }
    });

    it('transfer + transfer to the same service: one transfer happens; the other is refused (422 same_service, not 409)', async () => {
      // Finding: a transfer is also allowed from "waiting" (floor staff move waiting
      // tickets), so the loser is not an illegal transition but a transfer to the
      // service the ticket already waits for.
      for (let i = 0; i < 8; i++) {
        const id = await calledTicket();
        const replies = await Promise.all([transfer(staff[0], id), transfer(staff[1], id)]);
        expect(statusesOf(replies)).toEqual([200, 422]);
        expect(replies.find((r) => r.status === 422)!.body.error.code).toBe('same_service');
        expect((await eventsOf(id)).filter((t) => t === 'ticket.transferred')).toHaveLength(1);
        const [{ transfer_count }] = (await db.query(`SELECT transfer_count FROM ticket WHERE id = $1`, [id])).rows;
        expect(transfer_count).toBe(1);
        expectStatus(await staff[0].post(`/tickets/${id}/cancel`), 200);
      }
    });

    it('transfer + transfer to different services: both are applied one after the other (documented behaviour)', async () => {
      // Finding: the second transfer moves the now waiting ticket again; nothing is lost or
      // doubled (the log has both, in order), but the citizen ends in whichever came last.
      const id = await calledTicket();
      const replies = await Promise.all([transfer(staff[0], id, 1), transfer(staff[1], id, 2)]);
      expect(statusesOf(replies)).toEqual([200, 200]);
      expect((await eventsOf(id)).filter((t) => t === 'ticket.transferred')).toHaveLength(2);
      const [{ status, transfer_count, counter_id }] = (await db.query(`SELECT status, transfer_count, counter_id FROM ticket WHERE id = $1`, [id])).rows;
      expect({ status, transfer_count, counter_id }).toEqual({ status: 'waiting', transfer_count: 2, counter_id: null });
      expectStatus(await staff[0].post(`/tickets/${id}/cancel`), 200);
    });

    afterAll(() => expectSeatsSound());
  });
});
