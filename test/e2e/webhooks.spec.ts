/**
 * Webhooks (issue 22, Standard Webhooks): deliveries to a local HTTP listener, their
 * signatures checked with the specification's own library (`standardwebhooks`); a
 * failing endpoint retried on a short schedule (WEBHOOK_RETRY_SCHEDULE_MS) and failed
 * after its last step; 410 Gone disables the endpoint; replay; private addresses refused
 * when saved and when sent; bad input answered 4xx with a code.
 */
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_FIELDS, WebhookDispatcher } from '@skranke/jobs';
import { SiteFixture, issueTickets, login, openCounter, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { WebhookListener, startWebhookListener } from '../support/webhook-listener';

jest.setTimeout(90_000);

let sys: TestSystem;
let db: DataSource;
let hooks: WebhookListener;
let f: SiteFixture;
let admin: Api;
const pass = () => sys.apps[0].get(WebhookDispatcher).pass();

beforeAll(async () => {
  hooks = await startWebhookListener();
  // Workers on, passes every 50 ms; a schedule of three attempts 100 and 200 ms apart stands in for 0 s, 5 s, 5 min, …
  sys = await startSystem({ runWorkers: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DISPATCH_MS: '50', WEBHOOK_RETRY_SCHEDULE_MS: '0,100,200' } });
  db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
  await db.initialize();
  f = await seedSite(sys, { services: 2, counters: 1 });
  admin = sys.triage.as(f.tokens.admin);
});
afterAll(async () => {
  await db?.destroy();
  await sys?.stop();
  await hooks?.close();
});

async function subscribe(path: string, events: string[], api = admin): Promise<{ id: string; secret: string }> {
  const r = await api.post('/webhooks', { siteId: f.siteId, url: `${hooks.url}${path}`, events, description: `test ${path}` });
  expectStatus(r, 201);
  return r.body;
}
const at = (path: string) => hooks.received.filter((d) => d.path === path);
const deliveries = async (id: string) => (await admin.get(`/webhooks/${id}/deliveries`)).body as { id: string; seq: number; state: string; attempts: number; lastStatus: number | null }[];

test('an integration user subscribes; ticket.issued and ticket.called arrive signed (standardwebhooks verifies them) with thin payloads, and nothing else', async () => {
  const root = sys.triage.as(f.tokens.admin);
  expectStatus(await root.post('/users', { username: `integration-${f.slug}`, password: 'password-123', displayName: 'Sagssystem', roles: [{ siteId: f.siteId, role: 'integration' }] }), 201);
  const integration = sys.triage.as(await login(sys.triage, `integration-${f.slug}`, 'password-123'));
  const hook = await subscribe('/signed', ['ticket.issued', 'ticket.called'], integration);
  expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  expect((await integration.get(`/webhooks/${hook.id}`)).body).toMatchObject({ siteId: f.siteId, enabled: true, events: ['ticket.issued', 'ticket.called'] });
  expect(JSON.stringify((await integration.get('/webhooks')).body)).not.toContain('whsec_'); // the secret is shown once

  const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
  await openCounter(sys, f, f.counters[0].id);
  expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`, {}), 200);

  const got = await until(async () => at('/signed').length >= 2 && at('/signed'), 20);
  const verifier = new Webhook(hook.secret);
  const messages = got.map((d) => verifier.verify(d.body, d.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> });
  expect(messages.map((m) => m.type).sort()).toEqual(['ticket.called', 'ticket.issued']);
  for (const m of messages) {
    expect(m.data).toMatchObject({ siteId: f.siteId, ticketId: ticket.id, number: ticket.number, serviceId: f.services[0].id });
    expect(typeof m.data.seq).toBe('number');
    // Only allow-listed keys: nothing a person wrote or is reached at.
    const allowed = ['siteId', 'seq', ...Object.keys(WEBHOOK_EVENT_FIELDS[m.type as 'ticket.called'])];
    expect(Object.keys(m.data).filter((k) => !allowed.includes(k))).toEqual([]);
  }
  expect(messages.find((m) => m.type === 'ticket.called')!.data).toMatchObject({ counterId: f.counters[0].id, status: 'called' });
  // A tampered body or another secret fails the library's check.
  expect(() => verifier.verify(got[0].body.replace('"seq":', '"seq":1'), got[0].headers as Record<string, string>)).toThrow();
  expect(() => new Webhook(`whsec_${Buffer.from('another secret of 24 b!').toString('base64')}`).verify(got[0].body, got[0].headers as Record<string, string>)).toThrow();
  // Deliveries went out once each (no queue.changed, which was not subscribed) and the log says delivered.
  await pass();
  expect(at('/signed')).toHaveLength(2);
  const log = await deliveries(hook.id);
  expect(log.map((d) => d.state)).toEqual(['delivered', 'delivered']);
  expect(new Set(got.map((d) => d.headers['webhook-id']))).toEqual(new Set(log.map((d) => d.id)));
});

test('a failing endpoint is retried on the schedule with the same webhook-id, delivered on its third attempt; one that always fails fails after the last step', async () => {
  const flaky = await subscribe('/flaky', ['ticket.issued']);
  let calls = 0;
  hooks.answer = (d) => (d.path === '/flaky' ? (++calls <= 2 ? 503 : 200) : d.path === '/down' ? 500 : 200);
  await issueTickets(sys, f, f.services[1].id, 1);
  const [done] = await until(async () => {
    const log = await deliveries(flaky.id);
    return log[0]?.state === 'delivered' && log;
  }, 20);
  expect(done.attempts).toBe(3);
  const tries = at('/flaky');
  expect(tries).toHaveLength(3);
  expect(new Set(tries.map((t) => t.headers['webhook-id']))).toEqual(new Set([done.id]));
  // Each retry waited at least its step of the schedule (100 ms, then 200 ms); the jitter only adds.
  expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(100);
  expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(200);

  const down = await subscribe('/down', ['ticket.issued']);
  await issueTickets(sys, f, f.services[1].id, 1);
  const [failed] = await until(async () => {
    const log = await deliveries(down.id);
    return log[0]?.state === 'failed' && log;
  }, 20);
  expect(failed).toMatchObject({ attempts: 3, lastStatus: 500 });
  await pass();
  expect(at('/down')).toHaveLength(3);
  expect((await admin.get(`/webhooks/${down.id}`)).body.enabled).toBe(true); // a 500 is not a 410
});

test('410 Gone disables the endpoint: no more deliveries until it is enabled again, then the events since are delivered', async () => {
  const gone = await subscribe('/gone', ['ticket.issued']);
  hooks.answer = (d) => (d.path === '/gone' ? 410 : 200);
  await issueTickets(sys, f, f.services[0].id, 1);
  const endpoint = await until(async () => {
    const r = await admin.get(`/webhooks/${gone.id}`);
    return r.body.enabled === false && r.body;
  }, 20);
  expect(endpoint.disabledReason).toBe('gone');
  expect(at('/gone')).toHaveLength(1);
  expect((await deliveries(gone.id))[0]).toMatchObject({ state: 'failed', lastStatus: 410, attempts: 1 });

  await issueTickets(sys, f, f.services[0].id, 2);
  await pass();
  expect(at('/gone')).toHaveLength(1);
  expect(await deliveries(gone.id)).toHaveLength(1);

  hooks.answer = () => 200;
  expectStatus(await admin.patch(`/webhooks/${gone.id}`, { enabled: true }), 200);
  await until(async () => at('/gone').length >= 3, 20);
  const log = await deliveries(gone.id);
  expect(log.map((d) => d.state)).toEqual(['delivered', 'delivered', 'failed']);
});

test('replay sends a delivery again with the same webhook-id and a fresh signature', async () => {
  const hook = await subscribe('/replay', ['ticket.issued']);
  await issueTickets(sys, f, f.services[0].id, 1);
  const [first] = await until(async () => at('/replay').length === 1 && at('/replay'), 20);
  const [delivery] = await until(async () => {
    const log = await deliveries(hook.id);
    return log[0]?.state === 'delivered' && log;
  }, 20);
  const replayed = await admin.post(`/webhooks/${hook.id}/deliveries/${delivery.id}/replay`);
  expectStatus(replayed, 202);
  expect(replayed.body).toMatchObject({ id: delivery.id, state: 'pending', attempts: 0 });
  const [, again] = await until(async () => at('/replay').length === 2 && at('/replay'), 20);
  expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
  expect(new Webhook(hook.secret).verify(again.body, again.headers as Record<string, string>)).toEqual(JSON.parse(first.body));
  await until(async () => (await deliveries(hook.id))[0].state === 'delivered', 20);
});

test('a delivery whose worker died mid-send is sent again once its lease has run out, with the same webhook-id; old finished deliveries are pruned', async () => {
  const hook = await subscribe('/lease', ['ticket.issued']);
  await issueTickets(sys, f, f.services[0].id, 1);
  const [delivery] = await until(async () => {
    const log = await deliveries(hook.id);
    return log[0]?.state === 'delivered' && log;
  }, 20);
  // As a worker leaves it when it is killed between claiming and recording: sending, its lease over.
  await db.query(`UPDATE webhook_delivery SET state = 'sending', claimed_until = now() - interval '1 second' WHERE id = $1`, [delivery.id]);
  await until(async () => at('/lease').length === 2, 20);
  expect(at('/lease').map((d) => d.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
  await until(async () => (await deliveries(hook.id))[0].state === 'delivered', 20);
  expect((await deliveries(hook.id))[0].attempts).toBe(2);
  // One still claimed (its lease running) is left alone.
  await db.query(`UPDATE webhook_delivery SET state = 'sending', claimed_until = now() + interval '1 hour' WHERE id = $1`, [delivery.id]);
  await pass();
  expect(at('/lease')).toHaveLength(2);

  // WEBHOOK_LOG_DAYS (30): a finished delivery made 31 days ago goes, one of today stays, one still pending stays.
  await issueTickets(sys, f, f.services[0].id, 2);
  const log = await until(async () => {
    const l = await deliveries(hook.id);
    return l.length === 3 && l.slice(0, 2).every((d) => d.state === 'delivered') && l;
  }, 20);
  await db.query(`UPDATE webhook_delivery SET created_at = now() - interval '31 days', state = 'delivered' WHERE id = ANY ($1)`, [[log[1].id]]);
  await db.query(`UPDATE webhook_delivery SET created_at = now() - interval '31 days' WHERE id = $1`, [log[2].id]); // still 'sending'
  expect(await sys.apps[0].get(WebhookDispatcher).prune()).toBe(1);
  expect((await deliveries(hook.id)).map((d) => d.id)).toEqual([log[0].id, log[2].id]);
});

test('bad input is refused with 4xx and a code', async () => {
  const url = `${hooks.url}/bad`;
  const cases: [string, string, string, unknown, number, string][] = [
    ['an ftp address', 'POST', '/webhooks', { siteId: f.siteId, url: 'ftp://example.dk/x', events: ['ticket.called'] }, 400, 'webhook_url_invalid'],
    ['credentials in the URL', 'POST', '/webhooks', { siteId: f.siteId, url: 'https://user:pw@example.dk/x', events: ['ticket.called'] }, 400, 'webhook_url_invalid'],
    ['not a URL', 'POST', '/webhooks', { siteId: f.siteId, url: 'sager', events: ['ticket.called'] }, 400, 'webhook_url_invalid'],
    ['no events', 'POST', '/webhooks', { siteId: f.siteId, url, events: [] }, 400, 'webhook_events_invalid'],
    ['an unknown event', 'POST', '/webhooks', { siteId: f.siteId, url, events: ['ticket.eaten'] }, 400, 'webhook_events_invalid'],
    ['events not a list', 'POST', '/webhooks', { siteId: f.siteId, url, events: 'ticket.called' }, 400, ''],
    ['no siteId', 'POST', '/webhooks', { url, events: ['ticket.called'] }, 400, ''],
    ['a siteId that is no UUID', 'POST', '/webhooks', { siteId: 'aarhus', url, events: ['ticket.called'] }, 400, ''],
    ['an unknown site', 'POST', '/webhooks', { siteId: '00000000-0000-4000-8000-000000000000', url, events: ['ticket.called'] }, 404, 'site_not_found'],
    ['an unknown field', 'POST', '/webhooks', { siteId: f.siteId, url, events: ['ticket.called'], secret: 'whsec_mine' }, 400, ''],
    ['a description of 201 characters', 'POST', '/webhooks', { siteId: f.siteId, url, events: ['ticket.called'], description: 'x'.repeat(201) }, 400, ''],
    ['an unknown webhook', 'GET', '/webhooks/00000000-0000-4000-8000-000000000000', undefined, 404, 'webhook_not_found'],
    ['a webhook id that is no UUID', 'GET', '/webhooks/1', undefined, 400, ''],
    ['feed after=-1', 'GET', `/sites/${f.siteId}/events?after=-1`, undefined, 400, 'invalid_value'],
    ['feed limit=0', 'GET', `/sites/${f.siteId}/events?limit=0`, undefined, 400, 'invalid_value'],
    ['feed limit=abc', 'GET', `/sites/${f.siteId}/events?limit=abc`, undefined, 400, 'invalid_value'],
    ['feed limit=1001', 'GET', `/sites/${f.siteId}/events?limit=1001`, undefined, 400, 'invalid_value'],
  ];
  const hook = await subscribe('/bad', ['ticket.called']);
  cases.push(
    ['PATCH with an unknown event', 'PATCH', `/webhooks/${hook.id}`, { events: ['ticket.eaten'] }, 400, 'webhook_events_invalid'],
    ['PATCH with a javascript: URL', 'PATCH', `/webhooks/${hook.id}`, { url: 'javascript:alert(1)' }, 400, 'webhook_url_invalid'],
    ['PATCH enabled "yes"', 'PATCH', `/webhooks/${hook.id}`, { enabled: 'yes' }, 400, ''],
    ['deliveries limit=0', 'GET', `/webhooks/${hook.id}/deliveries?limit=0`, undefined, 400, 'invalid_value'],
    ['replay of an unknown delivery', 'POST', `/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/replay`, undefined, 404, 'delivery_not_found'],
  );
  for (const [what, method, path, body, status, code] of cases) {
    const r = await admin.request(method, path, body);
    expect({ what, status: r.status }).toEqual({ what, status });
    expect({ what, code: r.body?.error?.code }).toEqual({ what, code: code || expect.stringMatching(/^[a-z][a-z0-9_]*$/) });
  }
  expectStatus(await admin.request('DELETE', `/webhooks/${hook.id}`), 204);
  expectStatus(await admin.get(`/webhooks/${hook.id}`), 404);
});

describe('private addresses (WEBHOOK_ALLOW_PRIVATE unset)', () => {
  let strict: TestSystem;
  let g: SiteFixture;
  beforeAll(async () => {
    strict = await startSystem();
    g = await seedSite(strict, { services: 1, counters: 1 });
  });
  afterAll(() => strict?.stop());

  test.each([
    'http://127.0.0.1:8080/hook',
    'http://127.8.9.10/hook',
    'http://localhost/hook', // a name: resolved, and it resolves to loopback
    'http://10.0.4.21/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.10/hook',
    'http://100.64.0.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/hook',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00:ec2::254]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a9fe:a9fe]/hook', // 169.254.169.254 written as IPv6
    'http://[64:ff9b::a00:1]/hook', // 10.0.0.1 through NAT64
    'http://2130706433/hook', // 127.0.0.1 as one number (the URL parser makes it 127.0.0.1)
  ])('%s is refused with 422 webhook_address_refused', async (url) => {
    const r = await strict.triage.as(g.tokens.admin).post('/webhooks', { siteId: g.siteId, url, events: ['ticket.issued'] });
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 422, code: 'webhook_address_refused' });
  });

  test('a public address is accepted, and changing it to a private one is refused', async () => {
    const api = strict.triage.as(g.tokens.admin);
    const r = await api.post('/webhooks', { siteId: g.siteId, url: 'https://93.184.215.14/hook', events: ['ticket.issued'] });
    expectStatus(r, 201);
    const patched = await api.patch(`/webhooks/${r.body.id}`, { url: 'http://[::1]:3002/api' });
    expect({ status: patched.status, code: patched.body?.error?.code }).toEqual({ status: 422, code: 'webhook_address_refused' });
  });

  test('an endpoint that points to a private address by the time it is sent (as after DNS rebinding) is not connected to', async () => {
    const local = await startWebhookListener();
    try {
      const sdb = new DataSource({ type: 'postgres', url: strict.env.DATABASE_URL });
      await sdb.initialize();
      // Saved while its name resolved to a public address; now it is a private one.
      const [{ id }] = await sdb.query(`INSERT INTO webhook_endpoint (site_id, url, events, secret, cursor_seq) VALUES ($1, $2, '{ticket.issued}', 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=', 0) RETURNING id`, [
        g.siteId,
        `${local.url}/rebound`,
      ]);
      await issueTickets(strict, g, g.services[0].id, 1);
      await strict.apps[0].get(WebhookDispatcher).pass();
      const [row] = await sdb.query(`SELECT state, attempts, last_error AS "lastError" FROM webhook_delivery WHERE endpoint_id = $1`, [id]);
      await sdb.destroy();
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/address refused/);
      expect(local.received).toHaveLength(0);
    } finally {
      await local.close();
    }
  });
});

describe('wake-ups (WebhookWakeSink)', () => {
  let slow: TestSystem;
  let g: SiteFixture;
  beforeAll(async () => {
    // Scheduled passes every 10 minutes: a delivery within the test can only come from a wake-up after the change.
    slow = await startSystem({ runWorkers: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DISPATCH_MS: '600000' } });
    g = await seedSite(slow, { services: 1, counters: 1 });
  });
  afterAll(() => slow?.stop());

  test('a change at a site with a webhook asks for a pass at once, without waiting for the scheduled one', async () => {
    const r = await slow.triage.as(g.tokens.admin).post('/webhooks', { siteId: g.siteId, url: `${hooks.url}/wake`, events: ['ticket.issued'] });
    expectStatus(r, 201);
    // The sinks' list of sites with webhooks may be up to 5 s old; each ticket is a new chance to wake.
    const got = await until(async () => {
      await issueTickets(slow, g, g.services[0].id, 1);
      await new Promise((res) => setTimeout(res, 300));
      return at('/wake').length > 0 && at('/wake');
    }, 30);
    expect(new Webhook(r.body.secret).verify(got[0].body, got[0].headers as Record<string, string>)).toMatchObject({ type: 'ticket.issued', data: { siteId: g.siteId } });
  });
});
