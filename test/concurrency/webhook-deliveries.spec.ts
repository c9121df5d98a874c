/**
 * Several workers deliver webhooks at once (two triage instances with their BullMQ
 * workers, plus passes run by hand in both at the same time) while kiosks issue: every
 * subscribed event reaches each endpoint exactly once, and no delivery is sent by two
 * workers (fan-out locks the endpoint rows and a delivery is unique per endpoint and seq;
 * sending claims rows with SKIP LOCKED and a lease).
 */
import { Client } from 'pg';
import { WebhookDispatcher } from '@skranke/jobs';
import { seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { WebhookListener, startWebhookListener } from '../support/webhook-listener';

jest.setTimeout(120_000);

let sys: TestSystem;
let db: Client;
let hooks: WebhookListener;

beforeAll(async () => {
  hooks = await startWebhookListener();
  const env = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DISPATCH_MS: '20' };
  sys = await startSystem({ runWorkers: true, env });
  await sys.startExtra('triage', { ...env, RUN_WORKERS: 'true' });
  db = new Client({ connectionString: sys.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await sys?.stop();
  await hooks?.close();
});

test('three endpoints, 60 tickets issued at once, two instances and hand-run passes racing: each event once per endpoint', async () => {
  const f = await seedSite(sys, { services: 2, counters: 1 });
  const admin = sys.triage.as(f.tokens.admin);
  const paths = ['/a', '/b', '/c'];
  for (const path of paths) expectStatus(await admin.post('/webhooks', { siteId: f.siteId, url: hooks.url + path, events: ['ticket.issued', 'queue.changed'] }), 201);

  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  const dispatchers = sys.apps.filter((a) => a.get(WebhookDispatcher, { strict: false })).map((a) => a.get(WebhookDispatcher, { strict: false }));
  let racing = true;
  const race = (async () => {
    while (racing) await Promise.all(dispatchers.flatMap((d) => [d.pass(), d.pass()]));
  })();
  const issued = await Promise.all(Array.from({ length: 60 }, (_v, i) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[i % 2].id })));
  issued.forEach((r) => expectStatus(r, 201));

  const { rows } = await db.query(`SELECT seq FROM ticket_event WHERE site_id = $1 AND type IN ('ticket.issued', 'queue.changed') ORDER BY seq`, [f.siteId]);
  const expected = rows.map((r) => r.seq as number);
  expect(expected.length).toBeGreaterThanOrEqual(61); // 60 issued, and at least one queue change
  await until(async () => paths.every((p) => hooks.received.filter((d) => d.path === p).length >= expected.length), 60);
  racing = false;
  await race;
  // One more pass everywhere after the dust settled sends nothing new.
  await Promise.all(dispatchers.map((d) => d.pass()));

  for (const path of paths) {
    const got = hooks.received.filter((d) => d.path === path);
    const seqs = got.map((d) => JSON.parse(d.body).data.seq as number).sort((a, b) => a - b);
    expect({ path, seqs }).toEqual({ path, seqs: expected });
    expect(new Set(got.map((d) => d.headers['webhook-id'])).size).toBe(got.length);
  }
  const { rows: states } = await db.query(
    `SELECT d.state, d.attempts, count(*)::int AS n FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id WHERE w.site_id = $1 GROUP BY 1, 2`,
    [f.siteId],
  );
  expect(states).toEqual([{ state: 'delivered', attempts: 1, n: expected.length * paths.length }]);
});
