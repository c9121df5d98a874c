/**
 * Operators watch the queue and the apps through /metrics (Prometheus) and route
 * traffic by /health/ready: the figures must be the queue's own, the endpoint
 * must not be open to the public, and readiness must say no while the schema or
 * a dependency is not there.
 */
import { INestApplication } from '@nestjs/common';
import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createTriageApp } from '../../apps/triage/src/triage.app';
import { runMigrations } from '@skranke/persistence';
import { adminQuery, dbUrl } from '../support/database';
import { SiteFixture, issueTickets, openCounter, seedSite, setKioskPrinter } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { freePort, startOwnRedis } from '../support/servers';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

const TOKEN = 'metrics-token-for-the-test';

/** The value of the series `name` whose labels include `labels`, from Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** A triage app of the test's own (closed by the test, before its Redis or database goes away). */
async function bootTriage(sys: TestSystem, env: Record<string, string>): Promise<{ app: INestApplication; api: Api }> {
  const app = await createTriageApp({ env: { ...sys.env, RUN_WORKERS: 'false', ...env } });
  await app.listen(0, '127.0.0.1');
  return { app, api: new Api(`http://127.0.0.1:${app.getHttpServer().address().port}/api/v1`) };
}

/** GET /metrics of the app behind `api` (which is at …/api/v1). */
async function scrape(api: Api, headers: Record<string, string> = {}) {
  return new Api(api.baseUrl.replace(/\/api\/v1$/, '')).request<string>('GET', '/metrics', undefined, headers);
}

describe('metrics and readiness', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys, { services: 3, counters: 2 });
  });
  afterAll(() => sys.stop());

  it('shows the queue as it is: waiting tickets per service, the longest wait, the calls of the last minute', async () => {
    const issued = [...(await issueTickets(sys, f, f.services[0].id, 3)), ...(await issueTickets(sys, f, f.services[1].id, 2))];
    const calledServices: string[] = [];
    for (const counter of f.counters) {
      await openCounter(sys, f, counter.id);
      const called = await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${counter.id}/call-next`);
      expectStatus(called, 200);
      calledServices.push(issued.find((t) => t.id === called.body.ticket.id).serviceId);
    }
    const res = await scrape(sys.triage);
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const [i, service] of f.services.entries()) {
      const waiting = [3, 2, 0][i] - calledServices.filter((id) => id === service.id).length;
      expect(sample(res.body, 'skranke_queue_waiting_tickets', { site: f.slug, service: service.code })).toBe(waiting);
      const oldest = sample(res.body, 'skranke_queue_oldest_wait_seconds', { site: f.slug, service: service.code });
      if (waiting) expect(oldest).toBeGreaterThan(0);
      else expect(oldest).toBe(0);
    }
    expect(sample(res.body, 'skranke_queue_calls_last_minute', { site: f.slug })).toBe(2);
    // Issuing scheduled each ticket's wait-target timers in BullMQ.
    expect(sample(res.body, 'skranke_jobs', { queue: 'wait-target', state: 'delayed' })).toBeGreaterThan(0);
    expect(sample(res.body, 'skranke_jobs', { queue: 'print', state: 'failed' })).toBe(0);
    expect(sample(res.body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('times HTTP requests by route template and status class, not by URL', async () => {
    const res = await scrape(sys.counterDisplay[0]);
    const route = '/api/v1/counters/:counterId/call-next';
    expect(sample(res.body, 'http_request_duration_seconds_count', { route, method: 'POST', status_class: '2xx' })).toBe(2);
    expect(res.body).not.toContain(f.counters[0].id);
    const kiosk = await scrape(sys.ticketing);
    expect(sample(kiosk.body, 'http_request_duration_seconds_count', { route: '/api/v1/sites/:siteId/tickets', status_class: '2xx' })).toBe(
      5,
    );
  });

  it('counts the open socket.io connections of the hub', async () => {
    const connections = async () => sample((await scrape(sys.counterDisplay[0])).body, 'skranke_socket_connections');
    expect(await connections()).toBe(0);
    const socket = io(sys.counterDisplayUrls[0], { path: '/socket.io', transports: ['websocket'], auth: { token: f.tokens.display } });
    try {
      await until(async () => (await connections()) === 1, 10);
    } finally {
      socket.disconnect();
    }
    await until(async () => (await connections()) === 0, 10);
  });

  it('refuses /metrics to a caller outside METRICS_ALLOW without the token, and keeps it off /api/v1', async () => {
    // Through a proxy it does not trust, the peer address (127.0.0.1) says nothing of the caller.
    const viaProxy = await scrape(sys.triage, { 'x-forwarded-for': '203.0.113.9' });
    expect(viaProxy.status).toBe(403);
    expect(viaProxy.body).toEqual({ error: { code: 'metrics_forbidden', message: expect.any(String) } });
    expect((await sys.triage.get('/metrics')).status).toBe(404);

    const behindProxy = (await sys.startExtra('triage', { TRUST_PROXY: '127.0.0.1', METRICS_TOKEN: TOKEN })).api;
    expect((await scrape(behindProxy, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await scrape(behindProxy, { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await scrape(behindProxy, { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await scrape(behindProxy, { 'x-forwarded-for': '127.0.0.1' })).status).toBe(200);

    const elsewhere = (await sys.startExtra('ticketing', { METRICS_ALLOW: '10.0.0.0/8' })).api;
    expect((await scrape(elsewhere)).status).toBe(403);
  });

  it('is ready with PostgreSQL, Redis and the schema in place, and not while Redis is down', async () => {
    const redis = await startOwnRedis();
    const { app, api } = await bootTriage(sys, { REDIS_URL: redis.url });
    let down = false;
    try {
      const ready = await api.get('/health/ready');
      expectStatus(ready, 200);
      expect(ready.body).toMatchObject({ status: 'ready', postgres: 'up', redis: 'up', migrations: 'current' });
      await redis.kill();
      down = true;
      const notReady = await api.get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({ status: 'not-ready', postgres: 'up', redis: 'down' });
      expectStatus(await api.get('/health/live'), 200);
      await redis.start();
      down = false;
      await until(async () => (await api.get('/health/ready')).status === 200, 20);
    } finally {
      // The app's Redis connections quit cleanly only with a server to answer.
      if (down) await redis.start();
      await app.close();
      await redis.destroy();
    }
  });

  it('is not ready on a database whose migrations have not run, and ready once they have', async () => {
    const name = `skranke_unmigrated_${process.pid}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const { app, api } = await bootTriage(sys, { DATABASE_URL: dbUrl(name), MIGRATE_ON_BOOT: 'false', BOOTSTRAP_ADMIN_USERNAME: '' });
    try {
      const pending = await api.get('/health/ready');
      expect(pending.status).toBe(503);
      expect(pending.body).toMatchObject({ status: 'not-ready', postgres: 'up', redis: 'up', migrations: 'pending' });
      expectStatus(await api.get('/health/live'), 200);
      await runMigrations(app.get(DataSource));
      expect((await api.get('/health/ready')).body).toMatchObject({ status: 'ready', migrations: 'current' });
    } finally {
      await app.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

describe('job failure metrics', () => {
  it('counts the failed attempts of the jobs a worker ran', async () => {
    const sys = await startSystem({ runWorkers: true, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8' } });
    try {
      const f = await seedSite(sys);
      const failures = async () => sample((await scrape(sys.triage)).body, 'skranke_job_failures_total', { queue: 'print' });
      expect(await failures()).toBe(0);
      // A printer that refuses every connection: nothing listens on its port.
      await setKioskPrinter(sys, f, `127.0.0.1:${await freePort()}`);
      expectStatus(await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
      await until(async () => ((await failures()) ?? 0) > 0, 20);
    } finally {
      await sys.stop();
    }
  });
});
