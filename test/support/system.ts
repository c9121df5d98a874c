import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { createServer } from 'node:net';
import { createCounterDisplayApp } from '../../apps/counter-display/src/counter-display.app';
import { createTicketingApp } from '../../apps/ticketing/src/ticketing.app';
import { createTriageApp } from '../../apps/triage/src/triage.app';
import type { Clock } from '../../libs/core/src/clock';
import { createTestDatabase } from './database';
import { Api } from './http';
import { REDIS_URL, clearRedisPrefix } from './redis';

export const ADMIN = { username: 'admin', password: 'admin-password' };
export { REDIS_URL };

export interface SystemOptions {
  counterDisplayInstances?: number;
  runWorkers?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  /** A database of the test's own (e.g. on a PostgreSQL it starts and stops) instead of a clone of the template; it is left as it is. */
  databaseUrl?: string;
}

export interface TestSystem {
  env: Record<string, string>;
  ticketing: Api;
  triage: Api;
  /** One per counter-display instance. */
  counterDisplay: Api[];
  counterDisplayUrls: string[];
  apps: INestApplication[];
  stop(): Promise<void>;
  /** Starts one more app process-equivalent against the same database and Redis (e.g. a second worker). */
  startExtra(kind: 'ticketing' | 'triage' | 'counter-display', env?: Record<string, string>): Promise<{ app: INestApplication; api: Api }>;
}

/**
 * A port free right now, so an app's public address (its *_URL) is known before it boots. It is
 * drawn below the kernel's ephemeral range (32768+), where the connections the apps and tests open
 * in the meantime (PostgreSQL, Redis, other servers on port 0) take their ports, so it stays free
 * until the app listens; another jest worker drawing the same one is the only (rare) collision.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const probe = createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((r) => probe.close(r));
      return port;
    }
  }
}

async function listen(app: INestApplication, port = 0): Promise<string> {
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${address.port}`;
}

/** Boots the three apps in this process on free ports, on a fresh database and a private Redis prefix. */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const db = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const prefix = `t${process.pid}${Math.random().toString(36).slice(2, 7)}`;
  // The first instance of each app listens where its URL says, as in production: pages, CSP and CORS use these.
  const ports = { triage: await freePort(), ticketing: await freePort(), 'counter-display': await freePort() };
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: 'test-secret-that-is-long-enough',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'false',
    RUN_WORKERS: String(options.runWorkers ?? false),
    RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    TICKETING_URL: `http://127.0.0.1:${ports.ticketing}`,
    TRIAGE_URL: `http://127.0.0.1:${ports.triage}`,
    COUNTER_DISPLAY_URL: `http://127.0.0.1:${ports['counter-display']}`,
    ...options.env,
  };
  const apps: INestApplication[] = [];
  const booted = new Set<string>();
  const boot = async (kind: 'ticketing' | 'triage' | 'counter-display', extraEnv: Record<string, string> = {}) => {
    const o = { env: { ...env, ...extraEnv }, clock: options.clock };
    const app = kind === 'ticketing' ? await createTicketingApp(o) : kind === 'triage' ? await createTriageApp(o) : await createCounterDisplayApp(o);
    apps.push(app);
    const url = await listen(app, booted.has(kind) ? 0 : ports[kind]);
    booted.add(kind);
    return { app, api: new Api(url + '/api/v1'), url };
  };
  const triage = await boot('triage');
  const ticketing = await boot('ticketing', { RUN_WORKERS: 'false' });
  const displays = [];
  for (let i = 0; i < (options.counterDisplayInstances ?? 1); i++) displays.push(await boot('counter-display', { RUN_WORKERS: 'false' }));
  return {
    env,
    ticketing: ticketing.api,
    triage: triage.api,
    counterDisplay: displays.map((d) => d.api),
    counterDisplayUrls: displays.map((d) => d.url),
    apps,
    startExtra: async (kind, extraEnv) => {
      const { app, api } = await boot(kind, extraEnv);
      return { app, api };
    },
    stop: async () => {
      for (const app of apps.reverse()) await app.close();
      await db.drop();
      await clearRedisPrefix(prefix, env.REDIS_URL);
    },
  };
}
