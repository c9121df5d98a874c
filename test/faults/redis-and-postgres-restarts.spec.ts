import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:net';
import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { QueueName } from '../../libs/jobs/src/queue-names';
import { Queues } from '../../libs/jobs/src/queues';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { ALWAYS_OPEN, SiteFixture, issueTickets, login, openCounter, seedSite, setKioskPrinter } from '../support/fixtures';
import { Reply, expectStatus } from '../support/http';
import { OwnPostgres, OwnRedis, freePort, startOwnPostgres, startOwnRedis } from '../support/servers';
import { until } from '../support/until';

/**
 * Real time, up to a minute ahead: the application's time is then 30 s before
 * a whole minute, at which a site can close. (Ahead by less than a minute,
 * so timers computed from real time instead would only be late, not early.)
 */
class AheadClock extends Clock {
  private ahead = 0;
  now(): Date {
    return new Date(Date.now() + this.ahead);
  }
  /** Moves the clock to 30 s before the next whole minute it can reach ahead of real time; returns that minute. */
  halfAMinuteBeforeAMinute(): Date {
    this.ahead = (90_000 - (Date.now() % 60_000)) % 60_000;
    return new Date(this.now().getTime() + 30_000);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hhmm = (d: Date) => d.toISOString().slice(11, 16);
/** Open every day from midnight (UTC) until `closes`. */
const closingAt = (closes: string) => ({ weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ opens: '00:00', closes }]])) });

/**
 * The system on a PostgreSQL and a Redis of its own, which the test kills and
 * restarts under it, as an operator's bad day would: the apps keep running
 * throughout and must come back by themselves.
 */
describe('Redis and PostgreSQL restarts', () => {
  const clock = new AheadClock();
  let pg: OwnPostgres;
  let redis: OwnRedis;
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
    sys = await startSystem({
      databaseUrl: pg.url,
      clock,
      runWorkers: true,
      env: {
        REDIS_URL: redis.url,
        MIGRATE_ON_BOOT: 'true',
        SCHEDULE_RECONCILE_SECONDS: '2',
        DAY_CLOSE_CHECK_SECONDS: '1',
        PRINT_RETRY_BASE_MS: '300',
        PRINTER_ALLOWED_RANGES: '127.0.0.0/8',
      },
    });
    db = new Client({ connectionString: pg.url });
    db.on('error', () => undefined); // its session ends when PostgreSQL stops; the test reconnects after
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await sys?.stop();
    await Promise.all([pg?.destroy(), redis?.destroy()]);
  });

  const health = async () => (await sys.triage.get('/health')).body;

  describe('Redis restarted empty', () => {
    let f: SiteFixture;
    let tickets: { id: string; number: string }[];
    let killedAt: number;
    const logged: { level: string; message: string }[] = [];
    const raw: string[] = [];
    let ackDuringOutage: Reply;
    // A request that needs Redis: a floor-walker silences the idle-counter alert for a while.
    const acknowledgeIdleCounter = () => sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/alerts/room/idle-counter:${f.counters[0].id}/acknowledge`);

    beforeAll(async () => {
      if (hhmm(new Date(Date.now() + 90_000)) <= '00:01') await sleep(120_000); // no closing at midnight
      const closes = clock.halfAMinuteBeforeAMinute();
      f = await seedSite(sys, { counters: 2, timezone: 'UTC', openingHours: closingAt(hhmm(closes)), targetWaitMinutes: 1, settings: { waitWarningShare: 0.2 } });
      await openCounter(sys, f, f.counters[0].id);
      tickets = await issueTickets(sys, f, f.services[0].id, 3); // warnings due 12 s after issue, the day close in under 30 s
      // What reaches stderr or the console other than through the logger, and what the logger says of Redis.
      for (const level of ['warn', 'log', 'error'] as const) {
        jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
          if (String(args[0]).startsWith('Redis connection')) logged.push({ level, message: String(args[0]) });
        });
      }
      for (const level of ['error', 'warn', 'log'] as const) jest.spyOn(console, level).mockImplementation((...args) => void raw.push(args.join(' ')));
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (raw.push(String(chunk)), true));

      killedAt = clock.now().getTime();
      await redis.kill();
      await sleep(300);
      ackDuringOutage = await acknowledgeIdleCounter();
      await sleep(1_200); // every client fails to reconnect a few times
      await redis.start();
    }, 180_000);

    afterAll(() => jest.restoreAllMocks());

    it('health reports that the schedule was rebuilt from the database', async () => {
      const { schedule } = await until(async () => {
        const h = await health();
        return typeof h.schedule === 'object' && Date.parse(h.schedule.rebuiltAt) > killedAt && h;
      }, 15);
      expect(schedule.jobsRestored).toBeGreaterThanOrEqual(tickets.length);
      expect((await sys.ticketing.get('/health')).body).toMatchObject({ status: 'ok', redis: 'up', schedule: { rebuiltAt: schedule.rebuiltAt } });
    });

    it('a request that needs Redis gets 503 redis_unavailable with Retry-After meanwhile, and succeeds once Redis is back', async () => {
      expect(ackDuringOutage.status).toBe(503);
      expect(ackDuringOutage.headers.get('retry-after')).toBe('5');
      expect(ackDuringOutage.body).toEqual({ error: { code: 'redis_unavailable', message: expect.any(String), details: { retryAfterSeconds: 5 } } });
      expectStatus(await until(async () => {
        const res = await acknowledgeIdleCounter();
        return res.status !== 503 && res;
      }, 10), 201);
    });

    it('the waiting tickets still get their wait-target warnings, once each', async () => {
      const alerts = async () =>
        (await db.query(`SELECT ticket_id, payload->>'kind' AS kind FROM ticket_event WHERE type = 'alert.wait-target' AND site_id = $1`, [f.siteId])).rows;
      await until(async () => (await alerts()).length >= tickets.length, 30);
      await sleep(500);
      expect((await alerts()).map((a) => `${a.ticket_id} ${a.kind}`).sort()).toEqual(tickets.map((t) => `${t.id} warning`).sort());
    });

    it('the site still closes for the day: waiting tickets expire, the open counter closes', async () => {
      const closed = async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM ticket WHERE site_id = $1 AND status = 'expired' AND end_reason = 'day-closed'`, [f.siteId]);
        return rows[0].n === tickets.length;
      };
      await until(closed, 45);
      const { rows } = await db.query('SELECT state FROM counter WHERE site_id = $1', [f.siteId]);
      expect(rows.map((r) => r.state)).toEqual(['closed', 'closed']);
    });

    it('the outage is logged once per connection as it goes down and once as it comes back, and nothing reaches stderr past the logger', () => {
      const lost = logged.filter((l) => l.level === 'warn');
      expect(lost.length).toBeGreaterThan(0);
      const perConnection = new Map<string, number>();
      for (const l of logged) {
        const name = /^Redis connection (\S+)/.exec(l.message)![1] + ' ' + l.level;
        perConnection.set(name, (perConnection.get(name) ?? 0) + 1);
      }
      expect([...perConnection].filter(([, n]) => n > 1)).toEqual([]);
      expect(lost.every((l) => /lost \(.+\)$/.test(l.message))).toBe(true);
      expect(raw.filter((line) => /ioredis|ECONNREFUSED|Connection is closed|Error/i.test(line))).toEqual([]);
    });
  });

  describe('PostgreSQL restarted while receipts print', () => {
    let f: SiteFixture;
    let printed: Buffer[];
    let printer: Server;

    beforeAll(async () => {
      f = await seedSite(sys, { counters: 1, timezone: 'UTC', openingHours: ALWAYS_OPEN });
    });
    afterAll(() => new Promise((r) => printer?.close(r)));

    it('requests meanwhile get 503 database_unavailable with Retry-After, the same succeed after without an app restart, and every print ends printed or failed', async () => {
      // Two kiosks: one with a printer that works, one with a printer that is gone for good.
      const printerPort = await freePort();
      await setKioskPrinter(sys, f, `127.0.0.1:${printerPort}`);
      const admin = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
      const second = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: 'kiosk 2' });
      expectStatus(second, 201);
      expectStatus(await sys.ticketing.as(f.tokens.admin).request('PUT', `/sites/${f.siteId}/devices/${second.body.id}/printer`, { address: `127.0.0.1:${await freePort()}` }), 200);
      printed = [];
      printer = createServer((socket) => socket.on('data', (d) => printed.push(d)));
      await new Promise<void>((r) => printer.listen(printerPort, '127.0.0.1', r));

      // The prints wait until PostgreSQL is down, then run during the outage.
      const printQueue = sys.apps[0].get(Queues).get(QueueName.Print);
      await printQueue.pause();
      const kiosk = sys.ticketing.as(f.tokens.kiosk);
      const kiosk2 = sys.ticketing.as(second.body.token);
      const issue = (api = kiosk) => api.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
      const tickets: { id: string; number: string }[] = [];
      for (const api of [kiosk, kiosk, kiosk, kiosk2]) {
        const res = await issue(api);
        expectStatus(res, 201);
        expect(res.body.printStatus).toBe('pending');
        tickets.push(res.body);
      }
      const printStatus = () => kiosk.get(`/tickets/${tickets[0].id}/print`);

      await pg.stop();
      await printQueue.resume();
      await sleep(300);
      const duringOutage = [await issue(), await printStatus()];
      await sleep(2_500); // the prints' first attempts all meet the outage
      await pg.start();

      const after = await until(async () => {
        const res = await issue();
        return res.status === 201 && res;
      }, 15);
      tickets.push(after.body);
      expectStatus(await printStatus(), 200);

      await db.end().catch(() => undefined);
      db = new Client({ connectionString: pg.url });
      await db.connect();
      const statuses = async () =>
        new Map((await db.query('SELECT id, print_status FROM ticket WHERE id = ANY($1)', [tickets.map((t) => t.id)])).rows.map((r) => [r.id, r.print_status]));
      await until(async () => ![...(await statuses()).values()].includes('pending'), 60);
      const final = await statuses();
      expect(tickets.map((t) => final.get(t.id))).toEqual(['printed', 'printed', 'printed', 'failed', 'printed']);
      const receipts = Buffer.concat(printed).toString('latin1');
      for (const t of tickets.filter((_t, i) => i !== 3)) expect(receipts).toContain(t.number);
      for (const res of duringOutage) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(res.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String), details: { retryAfterSeconds: 5 } } });
      }
    });
  });
});
