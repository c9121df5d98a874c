/**
 * Cached tokens, site settings and services (libs/persistence row-changes.ts)
 * never outlive a change: a revoked kiosk is refused at once, a site's new hours
 * apply to the next ticket, a deactivated service issues no more tickets, a new
 * site's creator may use it at once; and a
 * change made outside the apps (psql, another instance) reaches a listening
 * process through the NOTIFY triggers.
 */
import { Client } from 'pg';
import { WatchedCache, rowChanges } from '../../libs/persistence/src';
import { ALWAYS_OPEN, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('caches that follow row changes', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys?.stop());

  it('listens once the apps are up', () => {
    expect(rowChanges.live).toBe(true);
  });

  it('refuses a revoked kiosk on its very next request, after it was cached', async () => {
    const f = await seedSite(sys, { openingHours: ALWAYS_OPEN });
    const admin = sys.triage.as(f.tokens.admin);
    const made = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: 'revoked soon' });
    expectStatus(made, 201);
    const kiosk = sys.ticketing.as(made.body.token);
    for (let i = 0; i < 2; i++) expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
    expectStatus(await admin.delete(`/sites/${f.siteId}/devices/${made.body.id}`), 200);
    const after = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('applies new opening hours to the next ticket, after the site was cached', async () => {
    const f = await seedSite(sys, { openingHours: ALWAYS_OPEN });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
    const never = { weekly: {} };
    expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}`, { openingHours: never }), 200);
    const closed = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe('site_closed');
  });

  it('refuses a deactivated service on the next ticket, after it was cached', async () => {
    const f = await seedSite(sys, { openingHours: ALWAYS_OPEN });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);
    expectStatus(await sys.triage.as(f.tokens.admin).delete(`/sites/${f.siteId}/services/${f.services[0].id}`), 200);
    const refused = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('service_not_found');
  });

  it('fills an empty service cache under more simultaneous tickets than the pool has connections', async () => {
    const f = await seedSite(sys, { openingHours: ALWAYS_OPEN });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    // An edit empties every service cache; then 30 kiosks press at once (the pool holds 10 connections).
    expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/services/${f.services[0].id}`, { targetWaitMinutes: 20 }), 200);
    const issued = await Promise.all(
      Array.from({ length: 30 }, (_, i) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[i % 3].id }, { 'Idempotency-Key': `cold-${i}` })),
    );
    expect(issued.map((r) => r.status)).toEqual(Array(30).fill(201));
  }, 30_000);

  it('follows a service changed outside the apps (psql): deactivated, then active again', async () => {
    const f = await seedSite(sys, { openingHours: ALWAYS_OPEN });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const issue = () => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[1].id });
    expectStatus(await issue(), 201);
    const pg = new Client({ connectionString: sys.env.DATABASE_URL });
    await pg.connect();
    try {
      const write = async (active: boolean) => {
        const heard = new Promise<void>((resolve) => {
          const stop = rowChanges.subscribe((t) => t === 'service' && (stop(), resolve()));
        });
        await pg.query(`UPDATE service SET active = $2 WHERE id = $1`, [f.services[1].id, active]);
        await heard;
      };
      await write(false);
      const refused = await issue();
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('service_not_found');
      await write(true);
      expectStatus(await issue(), 201);
    } finally {
      await pg.end();
    }
  });

  it('hears a change made outside the apps through NOTIFY', async () => {
    const cache = new WatchedCache<string>(['device'], 60_000);
    let loads = 0;
    const load = async () => `load ${++loads}`;
    expect(await cache.get('k', load)).toBe('load 1');
    expect(await cache.get('k', load)).toBe('load 1');
    const pg = new Client({ connectionString: sys.env.DATABASE_URL });
    await pg.connect();
    try {
      const heard = new Promise<void>((resolve) => {
        const stop = rowChanges.subscribe((t) => t === 'device' && (stop(), resolve()));
      });
      // A write no app made: only the trigger can tell the cache.
      await pg.query(`UPDATE device SET name = name WHERE false`);
      await heard;
    } finally {
      await pg.end();
    }
    expect(await cache.get('k', load)).toBe('load 2');
  });
});
