/**
 * A supervisor changes a counter's service profile (the dashboard's one control
 * for it); its name, kind and seats are the admin's (README, Configuration).
 */
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

let sys: TestSystem;
let f: SiteFixture;

beforeAll(async () => {
  sys = await startSystem();
  f = await seedSite(sys, { counters: 1 });
});
afterAll(() => sys?.stop());

test('a supervisor may reorder the service profile but not rename, re-kind or re-seat a counter', async () => {
  const supervisor = sys.triage.as(f.tokens.supervisor);
  const path = `/sites/${f.siteId}/counters/${f.counters[0].id}`;
  const reordered = f.services.map((s) => s.id).reverse();
  const ok = await supervisor.patch(path, { serviceIds: reordered });
  expectStatus(ok, 200);
  expect(ok.body.serviceIds).toEqual(reordered);
  for (const change of [{ name: 'Skranke 99' }, { kind: 'desk' }, { kind: 'assisted-self-service', seats: 4 }, { name: 'Skranke 99', serviceIds: reordered }]) {
    const r = await supervisor.patch(path, change);
    expect({ change, status: r.status, code: r.body?.error?.code }).toEqual({ change, status: 403, code: 'counter_admin_only' });
  }
  const [counter] = (await supervisor.get(`/sites/${f.siteId}/counters`)).body;
  expect([counter.name, counter.kind, counter.seats]).toEqual([f.counters[0].name, 'counter', 1]);
});

test('an admin may change all of it', async () => {
  const r = await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/counters/${f.counters[0].id}`, { name: 'Skranke 7', kind: 'desk' });
  expectStatus(r, 200);
  expect([r.body.name, r.body.kind]).toEqual(['Skranke 7', 'desk']);
});
