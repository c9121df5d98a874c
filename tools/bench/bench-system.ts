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
import { TestSystem } from '../../test/support/system';
import { Api } from '../../test/support/http';
import { BENCH_REDIS_URL, clearRedisPrefix, randomSuffix } from './bench-db';
import { benchAppEnv, startAppProcesses } from './app-processes';

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
  // As the apps' own processes get it, but as tests run them (NODE_ENV test) and with no rate limit in the way.
  const env = benchAppEnv(databaseUrl, BENCH_REDIS_URL, prefix, { NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '1000000', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' }) as Record<string, string>;
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

/**
 * Where the load benches' apps run: in this process (default) or, with
 * BENCH_TOPOLOGY=processes, each as its own Node process as in production.
 * On a 2-core machine the extra processes cost more in context switches than
 * the separate event loops gain, so in-process gives the better figures here.
 */
export const APPS_IN_PROCESS = process.env.BENCH_TOPOLOGY !== 'processes';

export interface BenchTarget extends BenchSystem {
  /** 'processes': each app is its own Node process; 'in-process': the apps share the load generator's event loop. */
  topology: 'processes' | 'in-process';
}

/** The three apps on the bench database, in the topology chosen by BENCH_TOPOLOGY. */
export async function startBenchTarget(databaseUrl: string): Promise<BenchTarget> {
  if (APPS_IN_PROCESS) return { ...(await startBenchSystem(databaseUrl)), topology: 'in-process' };
  const prefix = `bench${randomSuffix()}`;
  const env = benchAppEnv(databaseUrl, BENCH_REDIS_URL, prefix, { RATE_LIMIT_PER_MINUTE: '1000000', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' });
  const procs = await startAppProcesses(env);
  let stopped = false;
  return {
    topology: 'processes',
    env: env as Record<string, string>,
    redisPrefix: prefix,
    ticketing: procs.api.ticketing,
    triage: procs.api.triage,
    counterDisplay: [procs.api['counter-display']],
    counterDisplayUrls: [procs.urls['counter-display']],
    apps: [],
    startExtra: () => Promise.reject(new Error('startExtra: only with the apps in-process')),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await procs.stop();
      await clearRedisPrefix(prefix).catch(() => undefined);
    },
  };
}
