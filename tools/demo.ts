/**
 * `npm run demo`: PostgreSQL and Redis (embedded if needed), migrations, the
 * demo site, then the three apps, with their addresses and demo credentials.
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../libs/config/src';
import { municipalitySlug } from '../libs/domain/src';
import { createDataSource, runMigrations } from '../libs/persistence/src';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemoSite } from './demo/demo-site';
import { ensureDatabase, ensurePostgres, ensureRedis } from './demo/services-up';

const APPS = ['ticketing', 'triage', 'counter-display'] as const;
const ADMIN = { username: process.env.BOOTSTRAP_ADMIN_USERNAME || 'admin', password: process.env.BOOTSTRAP_ADMIN_PASSWORD || 'skranke-admin' };

async function main() {
  const base = loadConfig();
  const pg = await ensurePostgres(base.databaseUrl);
  const redis = await ensureRedis(base.redisUrl);
  await ensureDatabase(pg.url);
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: process.env.JWT_SECRET || 'demo-secret-change-me-in-production',
  };
  const ds = createDataSource(pg.url, { poolSize: 2, name: 'skranke-demo' });
  await ds.initialize();
  await runMigrations(ds);
  const demo = await seedDemoSite(ds);
  await ds.destroy();
  console.error('Building the pages…');
  execFileSync(process.execPath, [join(__dirname, 'build-web.js')], { stdio: 'inherit' });

  const children: ChildProcess[] = APPS.map((app) =>
    spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', 'apps', app, 'src', 'main.ts')], {
      env: { ...env, MIGRATE_ON_BOOT: 'false' },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const config = loadConfig(env);
  await waitForHealth([config.urls.ticketing, config.urls.triage, config.urls.counterDisplay]);
  console.log(`
Skranke demo is running (Ctrl-C stops it).

  Kiosk            ${config.urls.ticketing}/kiosk/${DEMO_SLUG}#token=${demo.kioskToken}
  Waiting room     ${config.urls.counterDisplay}/display#token=${demo.displayToken}
  Counter          ${config.urls.counterDisplay}/counter              (skranke / ${DEMO_PASSWORD})
  Floor tablet     ${config.urls.triage}/floor/${DEMO_SLUG}           (guide / ${DEMO_PASSWORD})
  Dashboard        ${config.urls.triage}/dashboard/${DEMO_SLUG}       (leder / ${DEMO_PASSWORD})
  Configuration    ${config.urls.triage}/admin/${DEMO_SLUG}           (${ADMIN.username} / ${ADMIN.password})
  Site widget      ${config.urls.ticketing}/widget/${DEMO_SLUG}
  Municipal widget ${config.urls.ticketing}/widget/municipality/${municipalitySlug(demo.municipality)}   (all sites of ${demo.municipality})
  Make it busy     npm run simulate -- --site ${DEMO_SLUG} --speed 60

  Ticketing        ${config.urls.ticketing}/api/docs
  Triage           ${config.urls.triage}/api/docs
  Counter-display  ${config.urls.counterDisplay}/api/docs   (socket.io at /socket.io)
  Public wait times ${config.urls.ticketing}/api/v1/public/sites/${DEMO_SLUG}/wait-times
                    ${config.urls.ticketing}/api/v1/public/municipalities/${municipalitySlug(demo.municipality)}/wait-times

  Site "${DEMO_SLUG}" id ${demo.siteId}
  Staff logins (POST /api/v1/auth/login):
    administrator   ${ADMIN.username} / ${ADMIN.password}
    supervisor      leder / ${DEMO_PASSWORD}
    floor-walker    guide / ${DEMO_PASSWORD}
    counter         skranke / ${DEMO_PASSWORD}
  Device tokens (new each start):
    kiosk           ${demo.kioskToken}
    display         ${demo.displayToken}
`);
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await redis.stop();
    await pg.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (const c of children) c.once('exit', (code) => code && code !== 0 && console.error(`an app exited with ${code}`));
}

async function waitForHealth(urls: string[]) {
  for (const url of urls) {
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
