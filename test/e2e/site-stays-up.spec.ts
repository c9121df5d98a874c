/**
 * Two inputs that took things down in outside testing: JSON nested thousands of
 * levels deep made 22 operations (the unauthenticated login and survey among
 * them) answer 500, and `PATCH /sites/:id {"timezone": ""}` (which the POST
 * refuses) was stored and made the whole site answer 500, kiosk and public wait
 * times included. Both are now 400s with a code, and the site stays up.
 */
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

let sys: TestSystem;
let f: SiteFixture;
let admin: Api;

beforeAll(async () => {
  sys = await startSystem();
  f = await seedSite(sys);
  admin = sys.triage.as(f.tokens.admin);
});

afterAll(() => sys?.stop());

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

async function siteWorks() {
  expectStatus(await sys.ticketing.get(`/kiosk/sites/${f.slug}`), 200);
  expectStatus(await sys.ticketing.get(`/public/sites/${f.slug}/wait-times`), 200);
  expectStatus(await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
}

describe('deeply nested JSON', () => {
  it.each([
    ['login', () => sys.triage, '/auth/login'],
    ['survey', () => sys.ticketing, '/tickets/track/no-such-token/survey'],
    ['site settings', () => admin, `/sites/{siteId}`],
  ])('is a 400 too_deeply_nested at the %s, not a 500', async (_what, api, path) => {
    const r = await api().request(path.startsWith('/sites') ? 'PATCH' : 'POST', path.replace('{siteId}', f.siteId), deep(10_000));
    expect([r.status, r.body.error.code]).toEqual([400, 'too_deeply_nested']);
  });

  it('up to 32 levels is read as usual (the validation answers, not the nesting check)', async () => {
    const r = await sys.triage.request('POST', '/auth/login', `{"username":"x","password":${deep(31)}}`);
    expect([r.status, r.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('a body of 20,000 values is a 400 too_many_values', async () => {
    const r = await sys.triage.request('POST', '/auth/login', JSON.stringify({ username: 'x', password: Array(20_000).fill(0) }));
    expect([r.status, r.body.error.code]).toEqual([400, 'too_many_values']);
  });
});

describe('a PATCH refuses what the POST refuses', () => {
  it.each([
    ['an empty timezone', { timezone: '' }, 'invalid_timezone'],
    ['an unknown timezone', { timezone: 'Europe/Nowhere' }, 'invalid_timezone'],
    ['a null timezone', { timezone: null }, 'validation_failed'],
    ['a null name', { name: null }, 'validation_failed'],
    ['null opening hours', { openingHours: null }, 'validation_failed'],
  ])('%s on a site is a 400, and the site keeps working', async (_what, body, code) => {
    const r = await admin.patch(`/sites/${f.siteId}`, body);
    expect([r.status, r.body.error.code]).toEqual([400, code]);
    expect((await admin.get(`/sites/${f.siteId}`)).body.timezone).toBe('Europe/Copenhagen');
    await siteWorks();
  });

  it('several seats on a counter (only a station has them) is a 400 seats_not_allowed, as on create', async () => {
    const r = await admin.patch(`/sites/${f.siteId}/counters/${f.counters[0].id}`, { seats: 4 });
    expect([r.status, r.body.error.code]).toEqual([400, 'seats_not_allowed']);
  });

  it('a null code or target on a service is a 400, as on create', async () => {
    for (const body of [{ code: null }, { targetWaitMinutes: null }, { names: null }]) {
      const r = await admin.patch(`/sites/${f.siteId}/services/${f.services[0].id}`, body);
      expect([r.status, r.body.error.code]).toEqual([400, 'validation_failed']);
    }
    await siteWorks();
  });
});
