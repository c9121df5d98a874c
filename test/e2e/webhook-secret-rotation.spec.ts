/**
 * Rotating a webhook's signing secret without losing a delivery (Standard Webhooks: several signatures in one
 * header, space-separated): during the overlap each delivery verifies with the old secret and with the new one
 * (the specification's own library); after it only with the new; `overlapHours: 0` ends the old one at once (a
 * leaked secret). Two rotations at once leave one current secret and the other as the previous one. Bad input
 * is a 400 with a code; another site's integration user cannot rotate it.
 */
import { Webhook } from 'standardwebhooks';
import { WebhookDispatcher } from '@skranke/jobs';
import { SettableClock } from '../support/booking';
import { SiteFixture, issueTickets, login, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { WebhookListener, startWebhookListener } from '../support/webhook-listener';

jest.setTimeout(90_000);

// The wall clock: the library's verify refuses a timestamp more than 5 minutes from now.
const start = new Date();
const clock = new SettableClock(start);
let sys: TestSystem;
let hooks: WebhookListener;
let f: SiteFixture;
let admin: Api;
const pass = () => sys.apps[0].get(WebhookDispatcher).pass();

beforeAll(async () => {
  hooks = await startWebhookListener();
  sys = await startSystem({ clock, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  f = await seedSite(sys, { services: 1, counters: 1 });
  admin = sys.triage.as(f.tokens.admin);
});
afterAll(async () => {
  await sys?.stop();
  await hooks?.close();
});

async function subscribe(path: string): Promise<{ id: string; secret: string }> {
  const r = await admin.post('/webhooks', { siteId: f.siteId, url: `${hooks.url}${path}`, events: ['ticket.issued'] });
  expectStatus(r, 201);
  return r.body;
}

/** Issues a ticket and returns the delivery the endpoint at `path` received for it. */
async function nextDelivery(path: string): Promise<{ body: string; headers: Record<string, string> }> {
  const before = hooks.received.filter((d) => d.path === path).length;
  await issueTickets(sys, f, f.services[0].id, 1);
  const got = await until(async () => {
    await pass();
    const at = hooks.received.filter((d) => d.path === path);
    return at.length > before && at[at.length - 1];
  }, 20);
  return { body: got.body, headers: got.headers as Record<string, string> };
}
/** Whether one of the delivery's signatures is the secret's, as the specification's library signs (any timestamp). */
const signedWith = (secret: string, d: { body: string; headers: Record<string, string> }) => {
  const expected = new Webhook(secret).sign(d.headers['webhook-id'], new Date(Number(d.headers['webhook-timestamp']) * 1000), d.body);
  return d.headers['webhook-signature'].split(' ').includes(expected);
};
/** The library's whole check (signature and timestamp), as a receiver runs it. */
const verifies = (secret: string, d: { body: string; headers: Record<string, string> }) => {
  try {
    new Webhook(secret).verify(d.body, d.headers);
    return true;
  } catch {
    return false;
  }
};

test('during the overlap a delivery verifies with the old and the new secret; after it only with the new', async () => {
  const hook = await subscribe('/rotating');
  const rotated = await admin.post(`/webhooks/${hook.id}/rotate-secret`, { overlapHours: 2 });
  expectStatus(rotated, 200);
  expect(rotated.body.secret).toMatch(/^whsec_/);
  expect(rotated.body.secret).not.toBe(hook.secret);
  expect(rotated.body.previousSecretValidUntil).toBe(new Date(start.getTime() + 2 * 3_600_000).toISOString());
  // The secret is shown once: not in the webhook's view.
  expect(JSON.stringify((await admin.get(`/webhooks/${hook.id}`)).body)).not.toContain('whsec_');

  const during = await nextDelivery('/rotating');
  expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
  expect(verifies(hook.secret, during)).toBe(true);
  expect(verifies(rotated.body.secret, during)).toBe(true);

  // Two hours on (the receiver's clock would be there too, so the signatures are checked without the time window).
  clock.set(new Date(start.getTime() + 2 * 3_600_000 + 1000));
  const after = await nextDelivery('/rotating');
  expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
  expect(signedWith(hook.secret, after)).toBe(false);
  expect(signedWith(rotated.body.secret, after)).toBe(true);
});

test('overlapHours 0 ends the old secret at once; two rotations at once leave one current and one previous', async () => {
  const hook = await subscribe('/leaked');
  const now = await admin.post(`/webhooks/${hook.id}/rotate-secret`, { overlapHours: 0 });
  expectStatus(now, 200);
  expect(now.body.previousSecretValidUntil).toBeNull();
  const d = await nextDelivery('/leaked');
  expect(signedWith(hook.secret, d)).toBe(false);
  expect(signedWith(now.body.secret, d)).toBe(true);

  const [a, b] = await Promise.all([
    admin.post(`/webhooks/${hook.id}/rotate-secret`, {}),
    admin.post(`/webhooks/${hook.id}/rotate-secret`, {}),
  ]);
  expectStatus(a, 200);
  expectStatus(b, 200);
  const both = await nextDelivery('/leaked');
  // Whichever committed last is current and the other previous: each of the two verifies, the one before them not.
  expect([signedWith(a.body.secret, both), signedWith(b.body.secret, both), signedWith(now.body.secret, both)]).toEqual([
    true,
    true,
    false,
  ]);
});

test('bad input is a 400 with a code; another site’s integration user and an unknown webhook are refused', async () => {
  const hook = await subscribe('/refusals');
  const tried: [unknown, string][] = [
    [{ overlapHours: -1 }, 'validation_failed'],
    [{ overlapHours: 169 }, 'validation_failed'],
    [{ overlapHours: 1.5 }, 'validation_failed'],
    [{ overlapHours: '24' }, 'validation_failed'],
    [{ secret: 'whsec_mine' }, 'validation_failed'],
  ];
  for (const [body, code] of tried) {
    const r = await admin.post(`/webhooks/${hook.id}/rotate-secret`, body);
    expect({ body, status: r.status, code: r.body?.error?.code }).toEqual({ body, status: 400, code });
  }
  const other = await seedSite(sys, { services: 1 });
  const username = `integration-${other.slug}`;
  const user = { username, password: 'password-123', displayName: 'Sagssystem B', roles: [{ siteId: other.siteId, role: 'integration' }] };
  expectStatus(await sys.triage.as(other.tokens.admin).post('/users', user), 201);
  const foreign = await sys.triage.as(await login(sys.triage, username, 'password-123')).post(`/webhooks/${hook.id}/rotate-secret`, {});
  expect(foreign.status).toBe(403);
  expect((await admin.post('/webhooks/00000000-0000-4000-8000-000000000000/rotate-secret', {})).status).toBe(404);
  // Nothing changed by the refusals: the first secret still signs alone.
  const d = await nextDelivery('/refusals');
  expect(signedWith(hook.secret, d)).toBe(true);
  expect(d.headers['webhook-signature'].split(' ')).toHaveLength(1);
});
