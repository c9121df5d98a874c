import { SiteFixture, issueTickets, seedSite, openCounter } from '../support/fixtures';
import { expectStatus, sendRaw } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/** A GET sent as written (see sendRaw). */
const rawGet = (baseUrl: string, path: string) => sendRaw(baseUrl, 'GET', new URL(baseUrl).pathname + path);

const SITE_KEYS = ['at', 'closesAt', 'open', 'opensAt', 'services', 'site'];
const SERVICE_KEYS = ['code', 'estimatedWait', 'names', 'serviceId', 'targetWaitMinutes', 'waiting'];
const NOTE = 'Jens Hansen, tlf. 12345678, vil klage over sit pas';

describe('public wait times of every site of a municipality', () => {
  let sys: TestSystem;
  let aaby: SiteFixture;
  let aeroeskoebing: SiteFixture;
  let aabenraa: SiteFixture;
  const tickets: { id: string; number: string; trackingToken: string }[] = [];
  const municipality = (slug: string) => sys.ticketing.get(`/public/municipalities/${slug}/wait-times`);

  beforeAll(async () => {
    sys = await startSystem();
    // Seeded in the opposite order of their names; in Danish 'Å' sorts after 'Æ' (by code point it comes first).
    aaby = await seedSite(sys, { municipality: 'Ærø Kommune', services: 2, targetWaitMinutes: 20 });
    aeroeskoebing = await seedSite(sys, { municipality: 'Ærø Kommune', services: 2 });
    aabenraa = await seedSite(sys, { municipality: 'Aabenraa Kommune' });
    await seedSite(sys); // no municipality: on no municipality's list
    const admin = sys.triage.as(aaby.tokens.admin);
    expectStatus(await admin.patch(`/sites/${aaby.siteId}`, { name: 'Borgerservice Åby' }), 200);
    expectStatus(await admin.patch(`/sites/${aeroeskoebing.siteId}`, { name: 'Borgerservice Ærøskøbing' }), 200);

    // An open counter at each site: a service no open counter serves has no estimate (null).
    for (const f of [aeroeskoebing, aaby, aabenraa]) await openCounter(sys, f, f.counters[0].id);
    tickets.push(...(await issueTickets(sys, aeroeskoebing, aeroeskoebing.services[0].id, 2)));
    tickets.push(...(await issueTickets(sys, aeroeskoebing, aeroeskoebing.services[1].id, 1)));
    tickets.push(...(await issueTickets(sys, aaby, aaby.services[1].id, 1)));
    tickets.push(...(await issueTickets(sys, aabenraa, aabenraa.services[0].id, 3)));
    // A floor-walker's ticket with a note: the note must never reach a public answer.
    const enc = await sys.triage
      .as(aaby.tokens.floor)
      .post(`/sites/${aaby.siteId}/encounters`, {
        outcome: 'ticket',
        ticket: { serviceId: aaby.services[0].id, note: NOTE, flags: ['interpreter'] },
      });
    expectStatus(enc, 201);
    tickets.push(enc.body.ticket);
  });
  afterAll(() => sys?.stop());

  it('lists exactly the sites of the municipality, by name, with their waiting counts and targets', async () => {
    const r = await municipality('aeroe-kommune');
    expectStatus(r, 200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=5');
    expect(r.body.municipality).toBe('Ærø Kommune');
    expect(r.body.sites.map((s: any) => s.site)).toEqual([
      { slug: aeroeskoebing.slug, name: 'Borgerservice Ærøskøbing', municipality: 'Ærø Kommune' },
      { slug: aaby.slug, name: 'Borgerservice Åby', municipality: 'Ærø Kommune' },
    ]);
    const [ae, aa] = r.body.sites;
    expect(ae.open).toBe(true);
    expect(ae.services.map((s: any) => [s.code, s.waiting, s.targetWaitMinutes])).toEqual([
      ['svc-0', 2, 15],
      ['svc-1', 1, 15],
    ]);
    expect(aa.services.map((s: any) => [s.code, s.waiting, s.targetWaitMinutes])).toEqual([
      ['svc-0', 1, 20],
      ['svc-1', 1, 20],
    ]);
    for (const s of [...ae.services, ...aa.services]) {
      expect(s.estimatedWait).toEqual({ minutes: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
      expect(s.estimatedWait.low).toBeLessThanOrEqual(s.estimatedWait.high);
    }

    const other = await municipality('aabenraa-kommune');
    expectStatus(other, 200);
    expect(other.body.municipality).toBe('Aabenraa Kommune');
    expect(other.body.sites.map((s: any) => s.site.slug)).toEqual([aabenraa.slug]);
    expect(other.body.sites[0].services.map((s: any) => s.waiting)).toEqual([3, 0, 0]);
  });

  it('gives each site exactly what the site endpoint gives', async () => {
    const [m, one, two] = await Promise.all([
      municipality('aeroe-kommune'),
      sys.ticketing.get(`/public/sites/${aeroeskoebing.slug}/wait-times`),
      sys.ticketing.get(`/public/sites/${aaby.slug}/wait-times`),
    ]);
    const withoutTime = ({ at: _at, ...rest }: any) => rest;
    expect(m.body.sites.map(withoutTime)).toEqual([withoutTime(one.body), withoutTime(two.body)]);
  });

  it('shows a new ticket once the few seconds of caching have passed', async () => {
    const waitingAt = async () => (await municipality('aeroe-kommune')).body.sites[0].services[1].waiting;
    expect(await waitingAt()).toBe(1);
    tickets.push(...(await issueTickets(sys, aeroeskoebing, aeroeskoebing.services[1].id, 1)));
    const deadline = Date.now() + 12_000;
    let seen = await waitingAt();
    while (seen !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      seen = await waitingAt();
    }
    expect(seen).toBe(2);
  });

  it('leaks nothing private: no ticket ids, numbers, tracking tokens, notes or flags, and only the documented fields', async () => {
    const r = await municipality('aeroe-kommune');
    expectStatus(r, 200);
    const text = JSON.stringify(r.body);
    expect(tickets.length).toBeGreaterThan(5);
    for (const t of tickets) {
      for (const secret of [t.id, t.trackingToken, `"${t.number}"`].filter(Boolean)) expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('Jens');
    expect(text).not.toContain('12345678');
    expect(text).not.toContain('interpreter');
    expect(text).not.toContain(aaby.siteId);
    expect(Object.keys(r.body).sort()).toEqual(['municipality', 'sites']);
    for (const site of r.body.sites) {
      expect(Object.keys(site).sort()).toEqual(SITE_KEYS);
      expect(Object.keys(site.site).sort()).toEqual(['municipality', 'name', 'slug']);
      for (const s of site.services) expect(Object.keys(s).sort()).toEqual(SERVICE_KEYS);
    }
  });

  it('answers 404 municipality_not_found for a municipality without sites', async () => {
    for (const slug of ['roskilde-kommune', 'aeroe', 'aeroe-kommune-2', '3f2504e0-4f89-11d3-9a0c-0305e82c3301']) {
      const r = await municipality(slug);
      expect([slug, r.status, r.body.error?.code]).toEqual([slug, 404, 'municipality_not_found']);
      expect(typeof r.body.error.message).toBe('string');
    }
  });

  it.each([
    ['a NUL', '%00'],
    ['a NUL inside', 'aeroe%00-kommune'],
    ['../', '..%2F'],
    ['a path to climb', '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['dots', '..'],
    ['capitals', 'Aeroe-Kommune'],
    ['the name itself', encodeURIComponent('Ærø Kommune')],
    ['a space', 'aeroe%20kommune'],
    ['SQL', encodeURIComponent("x' OR '1'='1")],
    ['a double dash', 'aeroe--kommune'],
    ['300 characters', 'a'.repeat(300)],
    ['10 kB', 'a'.repeat(10_000)],
  ])('answers 400 invalid_municipality_slug to %s', async (_what, slug) => {
    const r = await rawGet(sys.ticketing.baseUrl, `/public/municipalities/${slug}/wait-times`);
    expect([r.status, r.body?.error?.code]).toEqual([400, 'invalid_municipality_slug']);
  });

  it('answers a 1 MB slug with a 4xx and a code, never a 5xx', async () => {
    const r = await rawGet(sys.ticketing.baseUrl, `/public/municipalities/${'a'.repeat(1024 * 1024)}/wait-times`);
    expect(r.broken).toBeUndefined();
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body.error.code).toMatch(/^[a-z_]+$/);
  });

  it('answers broken percent-encoding and an empty slug with a 4xx and a code', async () => {
    for (const path of [
      '/public/municipalities/%FF%E0%A4%A/wait-times',
      '/public/municipalities//wait-times',
      '/public/municipalities/%2F/wait-times',
    ]) {
      const r = await rawGet(sys.ticketing.baseUrl, path);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(typeof r.body.error.code).toBe('string');
    }
  });
});
