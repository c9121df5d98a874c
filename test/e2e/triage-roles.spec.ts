import { SiteFixture, issueTickets, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

let sys: TestSystem;
let a: SiteFixture;
let b: SiteFixture;

beforeAll(async () => {
  sys = await startSystem();
  a = await seedSite(sys);
  b = await seedSite(sys);
});
afterAll(() => sys?.stop());

test('a floor user cannot reach configuration and sees their own sites only', async () => {
  const floor = sys.triage.as(a.tokens.floor);
  expect((await floor.get('/users')).status).toBe(403);
  expect((await floor.get(`/sites/${a.siteId}/devices`)).status).toBe(403);
  expect((await floor.patch(`/sites/${a.siteId}`, { name: 'x' })).status).toBe(403);
  expect((await floor.post(`/sites/${a.siteId}/services`, { code: 'x' })).status).toBe(403);
  expect((await floor.get(`/sites/${a.siteId}/dashboard`)).status).toBe(403);
  expect((await floor.get(`/sites/${b.siteId}/floor-state`)).status).toBe(403);
  expect((await floor.get('/sites')).body.map((s: any) => s.id)).toEqual([a.siteId]);
});

test('an admin of site A cannot change site B', async () => {
  const root = sys.triage.as(a.tokens.admin);
  expectStatus(await root.post('/users', { username: 'admin-of-a', password: 'password-123', displayName: 'A admin', roles: [{ siteId: a.siteId, role: 'admin' }] }), 201);
  const adminA = sys.triage.as(await login(sys.triage, 'admin-of-a', 'password-123'));
  expectStatus(await adminA.patch(`/sites/${a.siteId}`, { settings: { topics: ['Pas'] } }), 200);
  const res = await adminA.patch(`/sites/${b.siteId}`, { settings: { topics: ['Pas'] } });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toEqual(expect.any(String));
  expect((await adminA.post(`/sites/${b.siteId}/devices`, { kind: 'kiosk', name: 'k' })).status).toBe(403);
  expect((await adminA.patch(`/sites/${b.siteId}/counters/${b.counters[0].id}`, { serviceIds: [] })).status).toBe(403);
});

test('bad input to the new endpoints is a 4xx with a code, never a 5xx', async () => {
  const floor = sys.triage.as(a.tokens.floor);
  const [ticket] = await issueTickets(sys, a, a.services[0].id, 1);
  expect((await floor.post(`/sites/${a.siteId}/tickets/${ticket.id}/priority`, { priority: 'high' })).status).toBe(400);
  expect((await floor.post(`/sites/${a.siteId}/tickets/not-a-uuid/priority`, { priority: 1 })).status).toBe(400);
  expect((await floor.post(`/sites/${a.siteId}/alerts/not-a-uuid/acknowledge`)).status).toBe(400);
  const none = await floor.post(`/sites/${a.siteId}/alerts/${ticket.id}/acknowledge`);
  expect(none.status).toBe(404);
  expect(none.body.error.code).toBe('alert_not_found');
  const [other] = await issueTickets(sys, b, b.services[0].id, 1);
  expect((await floor.post(`/sites/${a.siteId}/tickets/${other.id}/priority`, { priority: 1 })).status).toBe(404);
  expect((await floor.patch(`/sites/${a.siteId}`, { settings: { pauseAlertMinutes: -1 } })).status).toBe(403);
  expect((await sys.triage.as(a.tokens.admin).patch(`/sites/${a.siteId}`, { settings: { pauseAlertMinutes: -1 } })).status).toBe(400);
});

test('two floor-walkers acting on the same ticket at once: one cancel wins, re-prioritising a cancelled ticket is refused', async () => {
  const [ticket] = await issueTickets(sys, a, a.services[1].id, 1);
  const walkers = [sys.counterDisplay[0].as(a.tokens.floor), sys.counterDisplay[0].as(a.tokens.supervisor)];
  const results = await Promise.all(walkers.map((w) => w.post(`/tickets/${ticket.id}/cancel`)));
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  const again = await sys.triage.as(a.tokens.floor).post(`/sites/${a.siteId}/tickets/${ticket.id}/priority`, { priority: 1 });
  expect(again.status).toBe(409);
});

test('re-prioritising at the same moment from two tablets both succeed in turn and leave one of the two priorities', async () => {
  const [ticket] = await issueTickets(sys, a, a.services[2].id, 1);
  const tablets = [sys.triage.as(a.tokens.floor), sys.triage.as(a.tokens.supervisor)];
  const results = await Promise.all(tablets.map((t, i) => t.post(`/sites/${a.siteId}/tickets/${ticket.id}/priority`, { priority: i + 1 })));
  expect(results.map((r) => r.status)).toEqual([201, 201]);
  const state = (await tablets[0].get(`/sites/${a.siteId}/floor-state`)).body;
  const row = state.services.flatMap((s: any) => s.tickets).find((t: any) => t.id === ticket.id);
  expect([1, 2]).toContain(row.priority);
});
