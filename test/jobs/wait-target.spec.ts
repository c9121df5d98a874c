import { Client } from 'pg';
import { WaitTargetProcessor } from '../../libs/jobs/src/wait-target.processor';
import { QueueName, jobIds } from '../../libs/jobs/src/queue-names';
import { Queues } from '../../libs/jobs/src/queues';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { TestSocket, closeAllSockets, sleep, subscribed, waitFor, Seen } from '../realtime/sockets';

/**
 * Wait-target alerts as a floor-walker sees them: a 1-minute target with the
 * warning at 5 % of it (3 s). A ticket still waiting then raises one warning,
 * however many workers run; a ticket called before then raises none.
 */
const WARNING_AFTER_MS = 3_000;

describe('wait-target alerts', () => {
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    sys = await startSystem({ runWorkers: true });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    closeAllSockets();
    await db.end();
    await sys.stop();
  });

  async function site(): Promise<{ f: SiteFixture; floor: TestSocket }> {
    const f = await seedSite(sys, { counters: 1, targetWaitMinutes: 1, settings: { waitWarningShare: 0.05 } });
    const floor = await subscribed(sys.counterDisplayUrls[0], f.tokens.floor, { siteId: f.siteId, channel: 'floor' });
    return { f, floor };
  }

  const alertsFor = (floor: TestSocket, ticketId: string) => floor.events.filter((e) => e.type === 'alert.wait-target' && e.ticketId === ticketId);

  async function alertRows(ticketId: string): Promise<string[]> {
    return (await db.query('SELECT kind FROM wait_alert WHERE ticket_id = $1', [ticketId])).rows.map((r) => r.kind);
  }

  /** Sleeps until `ms` after `since`, plus a margin for the worker to pick the job up. */
  const until = (since: number, ms: number) => sleep(Math.max(0, since + ms - Date.now()));

  it('a ticket left waiting past the warning share gives exactly one warning; one called in time gives none', async () => {
    const { f, floor } = await site();
    const issuedAt = Date.now();
    // By arrival order the counter calls `early` (P001) at once; `late` (P002) is left waiting.
    const [early, late] = await issueTickets(sys, f, f.services[0].id, 2);
    await openCounter(sys, f, f.counters[0].id);
    const called = await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(called, 200);
    expect(called.body.ticket.id).toBe(early.id);
    expect(Date.now() - issuedAt).toBeLessThan(WARNING_AFTER_MS);

    const [alert] = (await waitFor('the warning for the waiting ticket', () => alertsFor(floor, late.id).length && alertsFor(floor, late.id), 10_000)) as Seen[];
    expect(Date.parse(alert.at) - Date.parse(late.issuedAt)).toBeGreaterThanOrEqual(WARNING_AFTER_MS - 50);
    expect(alert).toMatchObject({ siteId: f.siteId, ticketId: late.id, number: late.number, kind: 'warning', targetMinutes: 1, waitedMinutes: 0 });

    await until(issuedAt, WARNING_AFTER_MS + 1_500);
    expect(alertsFor(floor, late.id)).toHaveLength(1);
    expect(alertsFor(floor, early.id)).toHaveLength(0);
    expect(await alertRows(late.id)).toEqual(['warning']);

    // The warning of the ticket still waiting scheduled its breach, due at the target (1 minute after
    // issue); the ticket called before its warning has none.
    const queue = sys.apps[0].get(Queues).get(QueueName.WaitTarget);
    const breach = await queue.getJob(jobIds.waitTimer(late.id, f.services[0].id, 0, 'breach'));
    expect(breach).toBeDefined();
    expect(await breach!.isDelayed()).toBe(true);
    expect(breach!.data).toMatchObject({ ticketId: late.id, kind: 'breach' });
    expect(Math.abs(breach!.timestamp + (breach!.delay ?? 0) - (Date.parse(late.issuedAt) + 60_000))).toBeLessThan(1_000);
    expect(await queue.getJob(jobIds.waitTimer(early.id, f.services[0].id, 0, 'breach'))).toBeUndefined();
    // Due now instead of in a minute: the breach is raised, once.
    await breach!.promote();
    await waitFor('the breach', () => alertsFor(floor, late.id).some((a) => a.kind === 'breach'), 10_000);
    expect(alertsFor(floor, late.id).map((a) => a.kind)).toEqual(['warning', 'breach']);
    expect((await alertRows(late.id)).sort()).toEqual(['breach', 'warning']);
    expect(await alertRows(early.id)).toEqual([]);
    const floorState = await sys.triage.as(f.tokens.floor).get(`/sites/${f.siteId}/floor-state`);
    expectStatus(floorState, 200);
    expect(JSON.stringify(floorState.body)).toContain(late.id);
  });

  it('kiosk tickets issued together share one delayed job; each still waiting gives its own warning, none early, and one called in time none', async () => {
    const { f, floor } = await site();
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const queue = sys.apps[0].get(Queues).get(QueueName.WaitTarget);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_v, i) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }, { 'Idempotency-Key': `together-${i}` })),
    );
    for (const r of replies) expectStatus(r, 201);
    const tickets = replies.map((r) => r.body).sort((a, b) => a.number.localeCompare(b.number));
    // The timers are scheduled after the answers (the kiosk does not wait for them).
    const scheduled = async () => {
      const delayed = await queue.getJobs(['delayed']);
      return { delayed, ids: delayed.flatMap((j) => (j.name === 'wait-warnings' ? j.data.tickets.map((t: { ticketId: string }) => t.ticketId) : [j.data.ticketId])) };
    };
    const { delayed, ids: all } = await waitFor('every ticket’s warning scheduled', async () => {
      const now = await scheduled();
      return tickets.every((t) => now.ids.includes(t.id)) && now;
    }, 5_000);
    expect(delayed.filter((j) => j.name === 'wait-warnings' && j.data.serviceId === f.services[0].id).length).toBeGreaterThan(0);
    // Every ticket has exactly one warning scheduled: its own job or a place in one group.
    expect(tickets.map((t) => all.filter((id) => id === t.id).length)).toEqual(tickets.map(() => 1));

    await openCounter(sys, f, f.counters[0].id);
    const called = await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(called, 200);
    expect(called.body.ticket.id).toBe(tickets[0].id);
    const waiting = tickets.slice(1);
    await waitFor('a warning for every waiting ticket', () => waiting.every((t) => alertsFor(floor, t.id).length > 0), 10_000);
    await sleep(1_000);
    for (const t of waiting) {
      const alerts = alertsFor(floor, t.id);
      expect(alerts).toHaveLength(1);
      expect(Date.parse(alerts[0].at) - Date.parse(t.issuedAt)).toBeGreaterThanOrEqual(WARNING_AFTER_MS);
      expect(await alertRows(t.id)).toEqual(['warning']);
      expect(await queue.getJob(jobIds.waitTimer(t.id, f.services[0].id, 0, 'breach'))).toBeDefined();
    }
    expect(alertsFor(floor, tickets[0].id)).toHaveLength(0);
    expect(await alertRows(tickets[0].id)).toEqual([]);
  });

  it('a ticket transferred to another service waits anew there: one warning, for the new service', async () => {
    const { f, floor } = await site();
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
    await openCounter(sys, f, f.counters[0].id);
    const staff = sys.counterDisplay[0].as(f.tokens.counter);
    expectStatus(await staff.post(`/counters/${f.counters[0].id}/call-next`), 200);
    const transferredAt = Date.now();
    expectStatus(await staff.post(`/tickets/${ticket.id}/transfer`, { serviceId: f.services[1].id, placement: 'back' }), 200);

    const [alert] = (await waitFor('the warning in the new service', () => alertsFor(floor, ticket.id).length && alertsFor(floor, ticket.id), 10_000)) as Seen[];
    expect(alert).toMatchObject({ ticketId: ticket.id, serviceId: f.services[1].id, kind: 'warning' });
    expect(Date.parse(alert.at) - transferredAt).toBeGreaterThanOrEqual(WARNING_AFTER_MS - 50);
    await until(transferredAt, WARNING_AFTER_MS + 1_500);
    expect(alertsFor(floor, ticket.id)).toHaveLength(1);
  });

  describe('with two worker instances', () => {
    let second: WaitTargetProcessor;
    beforeAll(async () => {
      const extra = await sys.startExtra('triage', { RUN_WORKERS: 'true' });
      second = extra.app.get(WaitTargetProcessor);
    });

    it('each waiting ticket still gives exactly one warning', async () => {
      const { f, floor } = await site();
      const issuedAt = Date.now();
      const tickets = await issueTickets(sys, f, f.services[1].id, 4);
      // Both instances also run the same job by hand at the same moment, as a retry racing the timer would.
      const first = sys.apps[0].get(WaitTargetProcessor);
      const job = { ticketId: tickets[0].id, serviceId: f.services[1].id, transferCount: 0, kind: 'warning' as const };
      const raced = await Promise.all([first.process(job), second.process(job), first.process(job), second.process(job)]);
      expect(raced.filter((r) => r === 'alerted')).toHaveLength(1);

      await waitFor('a warning for every ticket', () => tickets.every((t) => alertsFor(floor, t.id).length > 0), 10_000);
      await until(issuedAt, WARNING_AFTER_MS + 1_500);
      for (const t of tickets) {
        expect(alertsFor(floor, t.id)).toHaveLength(1);
        expect(await alertRows(t.id)).toEqual(['warning']);
      }
      expect(floor.events.filter((e) => e.type === 'alert.wait-target')).toHaveLength(tickets.length);
    });

    it('a ticket called in time gives none', async () => {
      const { f, floor } = await site();
      const issuedAt = Date.now();
      const [ticket, control] = await issueTickets(sys, f, f.services[2].id, 2);
      await openCounter(sys, f, f.counters[0].id);
      const called = await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`);
      expectStatus(called, 200);
      expect(called.body.ticket.id).toBe(ticket.id);
      expect(Date.now() - issuedAt).toBeLessThan(WARNING_AFTER_MS);

      await until(issuedAt, WARNING_AFTER_MS + 1_500);
      expect(floor.events.find((e) => e.type === 'ticket.called' && e.id === ticket.id)).toBeDefined();
      expect(alertsFor(floor, ticket.id)).toEqual([]);
      expect(await alertRows(ticket.id)).toEqual([]);
      // The timers did run meanwhile: the ticket behind it, still waiting, was flagged.
      expect(alertsFor(floor, control.id)).toHaveLength(1);
    });
  });
});
