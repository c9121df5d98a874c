/**
 * Who may put a site into a municipality's public pages (API.md, Configuration):
 * the installation's administrator anywhere, a municipality administrator in its
 * own municipality only, a site's administrator nowhere. The reported attack: an
 * admin of an Odense site created a site with municipality "Aarhus Kommune" (or
 * moved its own there), and kiosks in Aarhus sent citizens to it.
 */
import { Client } from 'pg';
import { rowChanges } from '@skranke/persistence';
import { ALWAYS_OPEN, SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { closeAllSockets, connected, openSocket, request } from '../realtime/sockets';

jest.setTimeout(90_000);

let sys: TestSystem;
let root: Api;
let aarhus: SiteFixture;
let odense: SiteFixture;
let made = 0;

const siteBody = (municipality?: string) => ({
  slug: `mun-${process.pid}-${++made}`,
  name: `Borgerservice ${made}`,
  timezone: 'Europe/Copenhagen',
  openingHours: ALWAYS_OPEN,
  ...(municipality === undefined ? {} : { municipality }),
});

/** A new user made by the installation's administrator, signed in. */
async function staff(username: string, grant: { roles?: { siteId: string; role: string }[]; municipalityAdmin?: string[] }): Promise<Api> {
  expectStatus(await root.post('/users', { username, password: 'password-123', displayName: username, roles: [], ...grant }), 201);
  return sys.triage.as(await login(sys.triage, username, 'password-123'));
}

function refused(r: Reply, code: string) {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 403, code });
}

const aarhusSitesInPublic = async () => {
  const r = await sys.ticketing.get('/public/municipalities/aarhus-kommune/wait-times');
  expectStatus(r, 200);
  return r.body.sites.map((s: { site: { slug: string } }) => s.site.slug).sort();
};
const kioskAlternatives = async (slug: string) => {
  const r = await sys.ticketing.get(`/kiosk/sites/${slug}`);
  expectStatus(r, 200);
  return r.body.alternatives.map((a: { slug: string }) => a.slug).sort();
};

beforeAll(async () => {
  sys = await startSystem();
  root = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
  aarhus = await seedSite(sys, { municipality: 'Aarhus Kommune' });
  odense = await seedSite(sys, { municipality: 'Odense Kommune' });
});
afterAll(async () => {
  closeAllSockets();
  await sys?.stop();
});

describe('an administrator of one Odense site', () => {
  let adminOdense: Api;
  beforeAll(async () => {
    adminOdense = await staff('admin-odense-site', { roles: [{ siteId: odense.siteId, role: 'admin' }] });
  });

  it('cannot create a site in Aarhus, nor in Odense, nor without a municipality', async () => {
    refused(await adminOdense.post('/sites', siteBody('Aarhus Kommune')), 'forbidden');
    refused(await adminOdense.post('/sites', siteBody('Odense Kommune')), 'forbidden');
    refused(await adminOdense.post('/sites', siteBody()), 'forbidden');
  });

  it('cannot move its site to Aarhus, and the site never appears on Aarhus pages or kiosks', async () => {
    const before = (await adminOdense.get(`/sites/${odense.siteId}`)).body;
    refused(await adminOdense.patch(`/sites/${odense.siteId}`, { municipality: 'Aarhus Kommune' }), 'municipality_change_forbidden');
    refused(await adminOdense.patch(`/sites/${odense.siteId}`, { municipality: 'aarhus kommune', name: 'Borgerservice Aarhus Syd' }), 'municipality_change_forbidden');
    expect((await adminOdense.get(`/sites/${odense.siteId}`)).body).toEqual(before);
    expect(await aarhusSitesInPublic()).toEqual([aarhus.slug]);
    expect(await kioskAlternatives(aarhus.slug)).not.toContain(odense.slug);
  });

  it('may still change its own site, and spell its municipality another way', async () => {
    const r = await adminOdense.patch(`/sites/${odense.siteId}`, { municipality: 'odense kommune', settings: { topics: ['Pas'] } });
    expectStatus(r, 200);
    expectStatus(await adminOdense.patch(`/sites/${odense.siteId}`, { municipality: 'Odense Kommune' }), 200);
  });

  it('cannot make anyone a municipality administrator', async () => {
    const r = await adminOdense.post('/users', { username: 'would-be-odense', password: 'password-123', displayName: 'X', roles: [], municipalityAdmin: ['Odense Kommune'] });
    refused(r, 'municipality_forbidden');
  });
});

describe('an Aarhus municipality administrator', () => {
  let mAarhus: Api;
  let ownSiteId: string;
  beforeAll(async () => {
    mAarhus = await staff('aarhus-municipality-admin', { municipalityAdmin: ['Aarhus Kommune'] });
  });

  it('creates a site in Aarhus (however spelt) and administers it: services, counters, staff, settings', async () => {
    const created = await mAarhus.post('/sites', siteBody('aarhus  kommune'));
    expectStatus(created, 201);
    ownSiteId = created.body.id;
    const service = await mAarhus.post(`/sites/${ownSiteId}/services`, { code: 'pas', prefix: 'P', names: { da: 'Pas', en: 'Passport', de: 'Pass' }, targetWaitMinutes: 15, serviceLevelPercent: 80 });
    expectStatus(service, 201);
    expectStatus(await mAarhus.post(`/sites/${ownSiteId}/counters`, { name: 'Skranke 1', kind: 'counter', serviceIds: [service.body.id] }), 201);
    expectStatus(await mAarhus.post('/users', { username: 'aarhus-counter', password: 'password-123', displayName: 'C', roles: [{ siteId: ownSiteId, role: 'counter' }] }), 201);
    expectStatus(await mAarhus.patch(`/sites/${ownSiteId}`, { name: 'Borgerservice Aarhus Nord' }), 200);
    // The municipality's public list is read at most every few seconds.
    await until(async () => (await aarhusSitesInPublic()).includes(created.body.slug), 15);
  });

  it('administers the Aarhus sites made by others too, and lists exactly the Aarhus sites', async () => {
    expectStatus(await mAarhus.patch(`/sites/${aarhus.siteId}`, { settings: { topics: ['Kørekort'] } }), 200);
    expectStatus(await mAarhus.get(`/sites/${aarhus.siteId}/devices`), 200);
    const later = await root.post('/sites', siteBody('Aarhus Kommune'));
    expectStatus(later, 201);
    expectStatus(await mAarhus.get(`/sites/${later.body.id}/devices`), 200);
    const listed = (await mAarhus.get('/sites')).body.map((s: { id: string }) => s.id).sort();
    expect(listed).toEqual([aarhus.siteId, ownSiteId, later.body.id].sort());
  });

  it('can do nothing in Odense: no site, no move, no staff, no change', async () => {
    refused(await mAarhus.post('/sites', siteBody('Odense Kommune')), 'municipality_forbidden');
    refused(await mAarhus.post('/sites', siteBody()), 'municipality_forbidden');
    refused(await mAarhus.patch(`/sites/${ownSiteId}`, { municipality: 'Odense Kommune' }), 'municipality_change_forbidden');
    refused(await mAarhus.patch(`/sites/${odense.siteId}`, { name: 'Overtaget' }), 'forbidden');
    refused(await mAarhus.get(`/sites/${odense.siteId}/devices`), 'forbidden');
    const staffer = { username: 'odense-floor', password: 'password-123', displayName: 'F' };
    refused(await mAarhus.post('/users', { ...staffer, roles: [{ siteId: odense.siteId, role: 'floor' }] }), 'forbidden');
    refused(await mAarhus.post('/users', { ...staffer, roles: [], municipalityAdmin: ['Odense Kommune'] }), 'municipality_forbidden');
    expect(await kioskAlternatives(odense.slug)).toEqual([]);
  });

  it('joins the staff channels of Aarhus sites on the hub, and of no Odense site', async () => {
    const s = openSocket(sys.counterDisplayUrls[0], await login(sys.triage, 'aarhus-municipality-admin', 'password-123'));
    await connected(s.socket);
    try {
      expect((await request(s.socket, 'subscribe', { siteId: aarhus.siteId, channel: 'floor' })).ok).toBe(true);
      const other = await request(s.socket, 'subscribe', { siteId: odense.siteId, channel: 'floor' });
      expect(other.ok).toBe(false);
    } finally {
      s.close();
    }
  });

  it('may make another Aarhus municipality administrator, and sees them in the staff list', async () => {
    const r = await mAarhus.post('/users', { username: 'aarhus-deputy', password: 'password-123', displayName: 'D', roles: [], municipalityAdmin: ['Aarhus Kommune'] });
    expectStatus(r, 201);
    expect(r.body.municipalityAdmin).toEqual(['aarhus-kommune']);
    const list = (await mAarhus.get('/users')).body;
    expect(list.find((u: { username: string }) => u.username === 'aarhus-deputy')?.municipalityAdmin).toEqual(['aarhus-kommune']);
    expect(list.map((u: { username: string }) => u.username)).not.toContain('admin-odense-site');
  });

  it('loses every right at once when the grant is revoked outside the apps', async () => {
    const deputy = sys.triage.as(await login(sys.triage, 'aarhus-deputy', 'password-123'));
    expectStatus(await deputy.get(`/sites/${aarhus.siteId}/devices`), 200);
    const pg = new Client({ connectionString: sys.env.DATABASE_URL });
    await pg.connect();
    try {
      const heard = new Promise<void>((resolve) => {
        const stop = rowChanges.subscribe((t) => t === 'staff_municipality_role' && (stop(), resolve()));
      });
      await pg.query(`DELETE FROM staff_municipality_role WHERE user_id = (SELECT id FROM staff_user WHERE username = 'aarhus-deputy')`);
      await heard;
    } finally {
      await pg.end();
    }
    refused(await deputy.get(`/sites/${aarhus.siteId}/devices`), 'forbidden');
    refused(await deputy.post('/sites', siteBody('Aarhus Kommune')), 'forbidden');
  });
});

describe("the installation's administrator", () => {
  it('creates sites anywhere and moves them; the municipality administrators follow the move at once', async () => {
    const mOdense = await staff('odense-municipality-admin', { municipalityAdmin: ['Odense Kommune'] });
    const site = await root.post('/sites', siteBody('Aarhus Kommune'));
    expectStatus(site, 201);
    refused(await mOdense.get(`/sites/${site.body.id}/devices`), 'forbidden');
    expectStatus(await root.patch(`/sites/${site.body.id}`, { municipality: 'Odense Kommune' }), 200);
    expectStatus(await mOdense.get(`/sites/${site.body.id}/devices`), 200);
    expect(await aarhusSitesInPublic()).not.toContain(site.body.slug);
  });

  it('two municipality administrators creating sites at once each get their own, and neither gets the other’s municipality', async () => {
    const a = sys.triage.as(await login(sys.triage, 'aarhus-municipality-admin', 'password-123'));
    const o = sys.triage.as(await login(sys.triage, 'odense-municipality-admin', 'password-123'));
    const [aOwn, oOwn, aOther, oOther] = await Promise.all([
      a.post('/sites', siteBody('Aarhus Kommune')),
      o.post('/sites', siteBody('Odense Kommune')),
      a.post('/sites', siteBody('Odense Kommune')),
      o.post('/sites', siteBody('Aarhus Kommune')),
    ]);
    expect([aOwn.status, oOwn.status]).toEqual([201, 201]);
    refused(aOther, 'municipality_forbidden');
    refused(oOther, 'municipality_forbidden');
    expectStatus(await a.get(`/sites/${aOwn.body.id}/devices`), 200);
    refused(await a.get(`/sites/${oOwn.body.id}/devices`), 'forbidden');
  });
});
