import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src';
import { demoBanner } from '../../tools/demo/banner';
import { demoFiles, readDemoTokens, writeDemoBanner, writeDemoTokens } from '../../tools/demo/demo-files';
import { seedDemoSite } from '../../tools/demo/demo-site';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/**
 * What `npm run demo` does at each start before the apps (tools/demo.ts):
 * seed the demo site with the tokens of the last run from .demo-data, store
 * them, and write the banner. Bookmarked kiosk and display addresses must keep
 * working across restarts.
 */
describe('the demo across restarts', () => {
  let sys: TestSystem;
  let ds: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'skranke-demo-data-'));

  beforeAll(async () => {
    sys = await startSystem();
    ds = createDataSource(sys.env.DATABASE_URL, { poolSize: 1, name: 'demo-restart-test' });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await sys?.stop();
  });

  async function start() {
    const demo = await seedDemoSite(ds, readDemoTokens(dir));
    writeDemoTokens(demo.tokens, dir);
    return demo;
  }
  const deviceMe = (token: string) => sys.counterDisplay[0].as(token).get('/devices/me');

  it('a second start keeps the first start’s device tokens, and they still work', async () => {
    const first = await start();
    const second = await start();
    expect(second.tokens).toEqual(first.tokens);
    expect(second.siteId).toBe(first.siteId);
    const display = await deviceMe(second.tokens.display);
    expectStatus(display, 200);
    expect({ kind: display.body.kind, site: display.body.site.id }).toEqual({ kind: 'display', site: first.siteId });
    const kiosk = await deviceMe(second.tokens.kiosk);
    expectStatus(kiosk, 200);
    expect(kiosk.body.kind).toBe('kiosk');
    // The kiosk token still issues tickets at the demo site.
    expectStatus(await sys.ticketing.as(second.tokens.kiosk).post(`/sites/${first.siteId}/tickets`, { serviceId: kiosk.body.services[0].id }), 201);
    // Only two demo devices: a restart does not pile up new ones.
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM device WHERE site_id = $1 AND revoked_at IS NULL`, [first.siteId]);
    expect(count).toBe(2);
  });

  it('a stored token that no longer works (revoked on the configuration page) is replaced, and the old one stays refused', async () => {
    const before = readDemoTokens(dir);
    await ds.query(`UPDATE device SET revoked_at = now() WHERE name = 'Demo display'`);
    const after = await start();
    expect(after.tokens.kiosk).toBe(before.kiosk);
    expect(after.tokens.display).not.toBe(before.display);
    expect(readDemoTokens(dir)).toEqual(after.tokens);
    expect((await deviceMe(before.display!)).status).toBe(401);
    expectStatus(await deviceMe(after.tokens.display), 200);
  });

  it('a spoilt token file means new tokens, not a failed start', async () => {
    writeFileSync(demoFiles(dir).tokens, '{not json');
    const demo = await start();
    expectStatus(await deviceMe(demo.tokens.display), 200);
    expect(readDemoTokens(dir)).toEqual(demo.tokens);
  });

  it('writes the banner, with the addresses to open and the tokens, to a file only its owner reads', async () => {
    const demo = await start();
    const urls = { ticketing: 'http://localhost:3001', triage: 'http://localhost:3002', counterDisplay: 'http://localhost:3003' };
    writeDemoBanner(demoBanner({ urls, siteId: demo.siteId, municipality: demo.municipality, tokens: demo.tokens, admin: { username: 'admin', password: 'x' }, file: demoFiles(dir).banner }), dir);
    const file = demoFiles(dir).banner;
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`http://localhost:3003/display#token=${demo.tokens.display}`);
    expect(text).toContain(`http://localhost:3001/kiosk/demo#token=${demo.tokens.kiosk}`);
    expect(text).toContain(`--autoplay-policy=no-user-gesture-required 'http://localhost:3003/display?sound=on#token=${demo.tokens.display}'`);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});
