import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
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

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${address.port}`;
}

/** Boots the three apps in this process on free ports, on a fresh database and a private Redis prefix. */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const db = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const prefix = `t${process.pid}${Math.random().toString(36).slice(2, 7)}`;
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
    ...options.env,
  };
  const apps: INestApplication[] = [];
  const boot = async (kind: 'ticketing' | 'triage' | 'counter-display', extraEnv: Record<string, string> = {}) => {
    const o = { env: { ...env, ...extraEnv }, clock: options.clock };
    const app = kind === 'ticketing' ? await createTicketingApp(o) : kind === 'triage' ? await createTriageApp(o) : await createCounterDisplayApp(o);
    apps.push(app);
    const url = await listen(app);
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
