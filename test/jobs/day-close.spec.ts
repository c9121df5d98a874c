import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { DayCloseService } from '../../libs/jobs/src/day-close.service';
import { RetentionService } from '../../libs/jobs/src/retention.service';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { TestSocket, closeAllSockets, sleep, subscribed, waitFor } from '../realtime/sockets';

/** The application's time, set by the test. */
class TestClock extends Clock {
  private t = Date.now();
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const WEEKDAYS_10_TO_17 = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens: '10:00', closes: '17:00' }]])),
};
const NOTE = 'Needs help with pension form';

/**
 * End of day and retention, driven by a clock the test controls, at a site
 * open 10:00–17:00 on weekdays in Copenhagen (summer time: UTC+2).
 */
describe('day close and retention', () => {
  const clock = new TestClock();
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    clock.set('2025-06-04T09:00:00Z'); // Wednesday 11:00 in Copenhagen
    sys = await startSystem({ clock });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    closeAllSockets();
    await db.end();
    await sys.stop();
  });

  const dayClose = () => sys.apps[0].get(DayCloseService).closeDueDays();
  const eraseDue = () => sys.apps[0].get(RetentionService).eraseDue();
  const counterApi = (f: SiteFixture) => sys.counterDisplay[0].as(f.tokens.counter);

  async function ticketRow(id: string) {
    const { rows } = await db.query('SELECT status, end_reason, note, flags, ended_at FROM ticket WHERE id = $1', [id]);
    return rows[0];
  }
  async function counterStates(f: SiteFixture): Promise<Record<string, string>> {
    const { rows } = await db.query('SELECT name, state FROM counter WHERE site_id = $1', [f.siteId]);
    return Object.fromEntries(rows.map((r) => [r.name, r.state]));
  }
  async function siteSeq(f: SiteFixture): Promise<number> {
    const { rows } = await db.query('SELECT last_seq AS event_seq FROM site_event_seq WHERE site_id = $1', [f.siteId]);
    return Number(rows[0].event_seq);
  }

  describe('at closing time', () => {
    let f: SiteFixture;
    let display: TestSocket;
    let waiting: any[];
    let withCitizen: any;
    let finished: any;

    beforeAll(async () => {
      clock.set('2025-06-04T09:00:00Z');
      f = await seedSite(sys, { counters: 3, openingHours: WEEKDAYS_10_TO_17 });
      display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
      const tickets = [];
      for (let i = 0; i < 6; i++) tickets.push(...(await issueTickets(sys, f, f.services[i % 3].id, 1)));
      const [c1, c2, c3] = f.counters;
      for (const c of [c1, c2, c3]) await openCounter(sys, f, c.id);
      expectStatus(await counterApi(f).post(`/counters/${c3.id}/pause`, { reason: 'Lunch' }), 200);
      // Skranke 1 serves one citizen to the end and has the next one at the counter when the day closes.
      const first = await counterApi(f).post(`/counters/${c1.id}/call-next`);
      expectStatus(first, 200);
      expectStatus(await counterApi(f).post(`/tickets/${first.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
      const second = await counterApi(f).post(`/counters/${c1.id}/call-next`);
      expectStatus(second, 200);
      finished = first.body.ticket;
      withCitizen = second.body.ticket;
      waiting = tickets.filter((t) => t.id !== finished.id && t.id !== withCitizen.id);
      expect(waiting).toHaveLength(4);
    });

    it('does nothing before closing time', async () => {
      clock.set('2025-06-04T14:59:00Z'); // 16:59
      const seq = await siteSeq(f);
      expect(await dayClose()).toEqual([]);
      for (const t of waiting) expect((await ticketRow(t.id)).status).toBe('waiting');
      expect(await siteSeq(f)).toBe(seq);
    });

    it('at 17:00 expires the waiting tickets with reason day-closed and closes the free counters only', async () => {
      clock.set('2025-06-04T15:00:00Z'); // 17:00
      const before = await siteSeq(f);
      const result = await dayClose();
      expect(result).toEqual([{ siteId: f.siteId, businessDate: '2025-06-04', expired: 4 }]);

      for (const t of waiting) expect(await ticketRow(t.id)).toMatchObject({ status: 'expired', end_reason: 'day-closed', ended_at: new Date('2025-06-04T15:00:00Z') });
      expect((await ticketRow(withCitizen.id)).status).toBe('called');
      expect((await ticketRow(finished.id)).status).toBe('finished');
      expect(await counterStates(f)).toEqual({ 'Skranke 1': 'open', 'Skranke 2': 'closed', 'Skranke 3': 'closed' });

      // What the display saw: one ticket.expired per waiting ticket, two counters closing, queues emptied.
      const after = await siteSeq(f);
      await waitFor('the day-close events on the display', () => display.events.at(-1)?.seq === after);
      const events = display.events.filter((e) => e.seq > before);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: after - before }, (_, i) => before + 1 + i));
      const expired = events.filter((e) => e.type === 'ticket.expired');
      expect(expired.map((e) => e.number).sort()).toEqual(waiting.map((t) => t.number).sort());
      expect(expired.every((e) => e.reason === 'day-closed' && e.status === 'expired' && e.at === '2025-06-04T15:00:00.000Z')).toBe(true);
      const closed = events.filter((e) => e.type === 'counter.changed');
      expect(closed.map((e) => [e.name, e.state]).sort()).toEqual([['Skranke 2', 'closed'], ['Skranke 3', 'closed']]);
      const queue = events.filter((e) => e.type === 'queue.changed').at(-1) as any;
      expect(queue.services.map((s: any) => s.waiting)).toEqual([0, 0, 0]);
      const state = await sys.counterDisplay[0].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`);
      expect(state.body.seq).toBe(after);
      expect(state.body.services.map((s: any) => s.waiting)).toEqual([0, 0, 0]);
    });

    it('running it again does nothing', async () => {
      const seq = await siteSeq(f);
      const events = display.events.length;
      expect(await dayClose()).toEqual([]);
      clock.set('2025-06-04T16:30:00Z'); // 18:30, the job runs every minute
      expect(await dayClose()).toEqual([]);
      await sleep(200);
      expect(await siteSeq(f)).toBe(seq);
      expect(display.events).toHaveLength(events);
      const { rows } = await db.query('SELECT business_date::text AS d, expired_tickets FROM day_close WHERE site_id = $1', [f.siteId]);
      expect(rows).toEqual([{ d: '2025-06-04', expired_tickets: 4 }]);
      expect(await counterStates(f)).toEqual({ 'Skranke 1': 'open', 'Skranke 2': 'closed', 'Skranke 3': 'closed' });
    });

    it('numbering starts over the next business day', async () => {
      clock.set('2025-06-05T08:05:00Z'); // Thursday 10:05
      expect(await dayClose()).toEqual([]);
      const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
      expect(ticket.number).toBe('P001');
      expect((await ticketRow(withCitizen.id)).status).toBe('called');
    });
  });

  it('a closing missed while no worker ran is caught up the next day, leaving the new day alone', async () => {
    clock.set('2025-06-04T13:00:00Z'); // Wednesday 15:00
    const f = await seedSite(sys, { counters: 1, openingHours: WEEKDAYS_10_TO_17 });
    const yesterday = await issueTickets(sys, f, f.services[0].id, 2);
    clock.set('2025-06-05T08:30:00Z'); // Thursday 10:30: nothing ran at 17:00 yesterday
    const [today] = await issueTickets(sys, f, f.services[0].id, 1);
    expect(today.number).toBe('P001');

    const result = await dayClose();
    expect(result.filter((r) => r.siteId === f.siteId)).toEqual([{ siteId: f.siteId, businessDate: '2025-06-04', expired: 2 }]);
    for (const t of yesterday) expect(await ticketRow(t.id)).toMatchObject({ status: 'expired', end_reason: 'day-closed' });
    expect((await ticketRow(today.id)).status).toBe('waiting');
    expect(await dayClose()).toEqual([]);
  });

  describe('retention of notes', () => {
    it('erases a finished ticket’s note and flags after retentionHours, not before; the event log never holds them', async () => {
      clock.set('2025-06-06T08:30:00Z'); // Friday 10:30
      const f = await seedSite(sys, { counters: 1, openingHours: WEEKDAYS_10_TO_17, settings: { retentionHours: 2 } });
      const floor = sys.triage.as(f.tokens.floor);
      const issue = async () => {
        const res = await floor.post(`/sites/${f.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: f.services[0].id, note: NOTE, flags: ['interpreter'] } });
        expectStatus(res, 201);
        clock.advance(1000); // distinct arrival times, so the counter calls them in this order
        return res.body.ticket;
      };
      const [a, b, stillWaiting] = [await issue(), await issue(), await issue()];
      await openCounter(sys, f, f.counters[0].id);
      const serve = async (id: string) => {
        const called = await counterApi(f).post(`/counters/${f.counters[0].id}/call-next`);
        expectStatus(called, 200);
        expect(called.body.ticket).toMatchObject({ id, note: NOTE, flags: ['interpreter'] });
        expectStatus(await counterApi(f).post(`/tickets/${id}/start`), 200);
        expectStatus(await counterApi(f).post(`/tickets/${id}/finish`, { outcome: 'referred-back-office', helpMode: 'advice' }), 200);
      };
      clock.set('2025-06-06T09:00:00Z');
      await serve(a.id); // ends 11:00
      clock.set('2025-06-06T10:00:00Z');
      await serve(b.id); // ends 12:00

      const kept = { note: NOTE, flags: ['interpreter'] };
      const erased = { note: null, flags: [] };
      clock.set('2025-06-06T10:59:59Z'); // a: 1 s short of 2 hours
      await eraseDue();
      expect(await ticketRow(a.id)).toMatchObject(kept);
      expect(await ticketRow(b.id)).toMatchObject(kept);

      clock.set('2025-06-06T11:00:01Z');
      expect((await eraseDue()).tickets).toBe(1);
      expect(await ticketRow(a.id)).toMatchObject({ ...erased, status: 'finished' });
      expect(await ticketRow(b.id)).toMatchObject(kept);
      expect(await ticketRow(stillWaiting.id)).toMatchObject({ ...kept, status: 'waiting' });

      clock.set('2025-06-06T12:00:01Z');
      expect((await eraseDue()).tickets).toBe(1);
      expect(await ticketRow(b.id)).toMatchObject(erased);
      // A ticket that has not ended keeps what the counter needs, however long it waits.
      expect(await ticketRow(stillWaiting.id)).toMatchObject({ ...kept, status: 'waiting' });
      expect((await eraseDue()).tickets).toBe(0);

      const { rows: log } = await db.query('SELECT type, payload::text AS payload FROM ticket_event WHERE ticket_id = ANY($1)', [[a.id, b.id, stillWaiting.id]]);
      expect(log.map((r) => r.type)).toEqual(expect.arrayContaining(['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.finished']));
      expect(log.length).toBeGreaterThanOrEqual(9);
      const { rows: leaks } = await db.query(
        `SELECT seq, type FROM ticket_event WHERE payload::text ILIKE '%pension%' OR payload::text ILIKE '%interpreter%' OR payload ? 'note' OR payload ? 'flags'`,
      );
      expect(leaks).toEqual([]);
    });
  });
});
