/**
 * `npm run demo`: PostgreSQL and Redis (embedded if needed), migrations, the
 * demo site, then the three apps, with their addresses and demo credentials
 * printed last and written to .demo-data/demo.txt. `--access-log` (or
 * DEMO_ACCESS_LOG=1) logs every request; otherwise warnings and errors only.
 */
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { loadConfig } from '../libs/config/src';
import { createDataSource, runMigrations } from '../libs/persistence/src';
import { demoBanner } from './demo/banner';
import { DEMO_DATA_DIR, demoFiles, readDemoTokens, writeDemoBanner, writeDemoTokens } from './demo/demo-files';
import { startDemoMailbox } from './demo/demo-mailbox';
import { seedDemoSite } from './demo/demo-site';
import { ensureDatabase, ensurePostgres, ensureRedis } from './demo/services-up';

const APPS = ['ticketing', 'triage', 'counter-display'] as const;
const ACCESS_LOG = process.argv.includes('--access-log') || process.env.DEMO_ACCESS_LOG === '1';
const ADMIN = { username: process.env.BOOTSTRAP_ADMIN_USERNAME || 'admin', password: process.env.BOOTSTRAP_ADMIN_PASSWORD || 'skranke-admin' };

async function main() {
  const base = loadConfig();
  const pg = await ensurePostgres(base.databaseUrl);
  const redis = await ensureRedis(base.redisUrl);
  await ensureDatabase(pg.url);
  // E-mail to try (booking confirmations, reports by e-mail): the demo's own mail server unless one is given.
  const mailbox = process.env.SMTP_URL ? null : await startDemoMailbox(join(DEMO_DATA_DIR, 'mail'));
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: process.env.JWT_SECRET || 'demo-secret-change-me-in-production',
    ...(mailbox ? { SMTP_URL: mailbox.url, MAIL_FROM: process.env.MAIL_FROM || 'Borgerservice (demo) <borgerservice@demo.invalid>' } : {}),
    // Quiet unless asked: the access log (pino at info) only with --access-log; LOG_LEVEL still wins.
    LOG_LEVEL: process.env.LOG_LEVEL || (ACCESS_LOG ? 'info' : 'warn'),
  };
  const ds = createDataSource(pg.url, { poolSize: 2, name: 'skranke-demo' });
  await ds.initialize();
  await runMigrations(ds);
  const demo = await seedDemoSite(ds, readDemoTokens());
  writeDemoTokens(demo.tokens);
  await ds.destroy();
  console.error('Building the pages…');
  execFileSync(process.execPath, [join(__dirname, 'build-web.js')], { stdio: 'inherit' });

  // The apps' output is held back until the banner is out, so the banner comes after every startup line.
  const held = new HeldOutput();
  let stopping = false;
  const children: ChildProcess[] = APPS.map((app) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', 'apps', app, 'src', 'main.ts')], {
      env: { ...env, MIGRATE_ON_BOOT: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    held.follow(child);
    // An app that dies (while starting too): say so at once, its output first.
    child.once('exit', (code, signal) => !stopping && held.release(() => console.error(`The ${app} app stopped (${signal ?? `exit code ${code}`}); its output is above.`)));
    return child;
  });
  const config = loadConfig(env);
  if (!(await waitForHealth([config.urls.ticketing, config.urls.triage, config.urls.counterDisplay]))) {
    held.release(() => console.error('The apps did not become healthy within a minute (their output is above).'));
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await mailbox?.stop();
    await redis.stop();
    await pg.stop();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300)); // the last startup lines after the health answer
  const text = demoBanner({ urls: config.urls, siteId: demo.siteId, municipality: demo.municipality, tokens: demo.tokens, admin: ADMIN, file: relative(process.cwd(), demoFiles().banner), mail: mailbox ? relative(process.cwd(), mailbox.dir) : null });
  writeDemoBanner(text);
  held.release(() => console.log(text));

  const stop = async () => {
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await mailbox?.stop();
    await redis.stop();
    await pg.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Children's output, kept until `release` (then printed, followed by what `release` prints), passed straight through after. */
class HeldOutput {
  private chunks: [NodeJS.WriteStream, Buffer][] | null = [];

  follow(child: ChildProcess): void {
    child.stdout?.on('data', (b: Buffer) => this.write(process.stdout, b));
    child.stderr?.on('data', (b: Buffer) => this.write(process.stderr, b));
  }

  /** Prints what was held, then `after`; once released, later output (and later calls' `after`) go straight out. */
  release(after: () => void): void {
    for (const [stream, chunk] of this.chunks ?? []) stream.write(chunk);
    this.chunks = null;
    after();
  }

  private write(stream: NodeJS.WriteStream, chunk: Buffer): void {
    if (this.chunks) this.chunks.push([stream, chunk]);
    else stream.write(chunk);
  }
}

/** Whether every app answers its health check within a minute. */
async function waitForHealth(urls: string[]): Promise<boolean> {
  const until = Date.now() + 60_000;
  for (const url of urls) {
    while (!(await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return true;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
