/**
 * The three apps booted in this process, as test/support/system.ts does, but on
 * the bench's own database (startSystem clones the jest template, which the
 * bench must not depend on or recreate while tests may be running).
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { createCounterDisplayApp } from '../../apps/counter-display/src/counter-display.app';
import { createTicketingApp } from '../../apps/ticketing/src/ticketing.app';
import { createTriageApp } from '../../apps/triage/src/triage.app';
import { ADMIN, TestSystem } from '../../test/support/system';
import { Api } from '../../test/support/http';
import { BENCH_REDIS_URL, clearRedisPrefix, randomSuffix } from './bench-db';

type Kind = 'ticketing' | 'triage' | 'counter-display';

export interface BenchSystem extends TestSystem {
  redisPrefix: string;
}

/**
 * Nest exits the process when a module fails to resolve (abortOnError); during
 * boot make that an error instead, so the bench can still report and clean up.
 */
async function bootOrThrow<T>(kind: Kind, fn: () => Promise<T>): Promise<T> {
  const { exit, abort } = process;
  const refuse = (how: string) => () => {
    throw new Error(`${kind} failed to boot (Nest called process.${how}; its error is on stderr above)`);
  };
  process.exit = refuse('exit') as typeof process.exit;
  process.abort = refuse('abort') as typeof process.abort;
  try {
    return await fn();
  } finally {
    process.exit = exit;
    process.abort = abort;
  }
}

export async function startBenchSystem(databaseUrl: string): Promise<BenchSystem> {
  const prefix = `bench${randomSuffix()}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: 'bench-secret-that-is-long-enough',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'false',
    RUN_WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const apps: INestApplication[] = [];
  const boot = async (kind: Kind, extraEnv: Record<string, string> = {}) => {
    const o = { env: { ...env, ...extraEnv } };
    const app = await bootOrThrow(kind, () =>
      kind === 'ticketing' ? createTicketingApp(o) : kind === 'triage' ? createTriageApp(o) : createCounterDisplayApp(o),
    );
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    return { app, api: new Api(url + '/api/v1'), url };
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const app of [...apps].reverse()) await app.close().catch(() => undefined);
    await clearRedisPrefix(prefix).catch(() => undefined);
  };
  try {
    const triage = await boot('triage');
    const ticketing = await boot('ticketing');
    const display = await boot('counter-display');
    return {
      env,
      redisPrefix: prefix,
      ticketing: ticketing.api,
      triage: triage.api,
      counterDisplay: [display.api],
      counterDisplayUrls: [display.url],
      apps,
      startExtra: async (kind, extraEnv) => {
        const { app, api } = await boot(kind, extraEnv);
        return { app, api };
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
