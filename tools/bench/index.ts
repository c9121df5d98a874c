/**
 * `npm run bench`: runs every bench in turn and prints one JSON object on
 * stdout; progress goes to stderr. Needs PostgreSQL (TEST_PG_ADMIN_URL) and
 * Redis (TEST_REDIS_URL / BENCH_REDIS_URL) as the e2e tests do; it makes and
 * drops its own database, skranke_bench_<pid>_<random>.
 */
import 'reflect-metadata';
import os from 'node:os';
import { adminQuery } from '../../test/support/database';
import { BenchDatabase, createBenchDatabase } from './bench-db';
import { progress } from './stats';

process.env.LOG_LEVEL ??= 'silent';

// Everything but the final JSON goes to stderr, whatever a library prints.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: never, ...rest: never[]) =>
  (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;

const TOTAL_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);
const started = Date.now();
const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

const result: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    // The box may be shared: a high load average means noisy figures.
    loadAverageAtStart: loadAverage(),
  },
};
if (os.loadavg()[0] > os.cpus().length / 2) {
  (result.machine as Record<string, unknown>).warning =
    'the machine was busy when the bench started (1-minute load average above half the CPUs): latency and throughput figures are pessimistic';
}
let failures = 0;
let db: BenchDatabase | undefined;
let printed = false;

function print(): void {
  if (printed) return;
  printed = true;
  (result.machine as Record<string, unknown>).loadAverageAtEnd = loadAverage();
  result.benchSeconds = Math.round((Date.now() - started) / 100) / 10;
  writeStdout(JSON.stringify(result, null, 2) + '\n');
}

async function cleanup(): Promise<void> {
  const d = db;
  db = undefined;
  await d?.drop().catch((e) => progress(`could not drop ${d.name}: ${e}`));
}

/** Databases left by bench runs that were killed (their pid is gone). */
async function dropStaleBenchDatabases(): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'skranke\\_bench\\_%'`);
  for (const { datname } of rows) {
    const pid = Number(/^skranke_bench_(\d+)_/.exec(datname)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue; // still running
    } catch {
      /* gone */
    }
    progress(`dropping stale ${datname}`);
    await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
}

/** BENCH_ONLY=call-latency,ticketing runs only those benches (names as in the progress lines). */
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);

async function attempt<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string, skipped?: true }> {
  if (only && !only.some((o) => name.startsWith(o))) return { error: 'skipped (BENCH_ONLY)', skipped: true };
  const t0 = Date.now();
  try {
    const r = await fn();
    progress(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  } catch (e) {
    failures++;
    progress(`${name} FAILED: ${(e as Error).stack ?? e}`);
    return { error: (e as Error).message ?? String(e) };
  }
}

async function main(): Promise<number> {
  try {
    progress('creating and migrating the bench database');
    await dropStaleBenchDatabases().catch((e) => progress(`stale database check failed: ${e}`));
    db = await createBenchDatabase();
    const bench = db;
    progress(`database ${bench.name}`);
    const latency = await attempt('call-latency + floor', async () => (await import('./call-latency.bench')).run(bench));
    if ('error' in latency) Object.assign(result, { callLatency: latency, floor: latency, ratio: latency });
    else Object.assign(result, { callLatency: latency.callLatency, floor: latency.floor, ratio: latency.ratio });
    result.idleRss = await attempt('idle-rss', async () => (await import('./idle-rss.bench')).run(bench));
    result.ticketing = await attempt('ticketing', async () => (await import('./ticketing.bench')).run(bench));
    result.hubFanout = await attempt('hub-fanout', async () => (await import('./hub-fanout.bench')).run(bench));
    result.webhooks = await attempt('webhooks', async () => (await import('./webhooks.bench')).run(bench));
    const booking = await import('./booking.bench');
    try {
      result.bookingSlots = await attempt('booking-slots', () => booking.slots(bench));
      result.bookingRush = await attempt('booking-rush', () => booking.rush(bench));
    } finally {
      await booking.stop();
    }
    result.statistics = await attempt('statistics', async () => (await import('./statistics.bench')).run(bench));
  } catch (e) {
    failures++;
    progress(`setup FAILED: ${(e as Error).stack ?? e}`);
    result.error = (e as Error).message;
  } finally {
    await cleanup();
  }
  result.estimator = await attempt('estimator', async () => (await import('./estimator.bench')).run());
  print();
  return failures ? 1 : 0;
}

function exit(code: number): void {
  // Client libraries may keep sockets or timers alive; the figures are out, so leave.
  if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => process.exit(code));
  else process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    progress(`${sig}: dropping the bench database and exiting`);
    void cleanup().finally(() => process.exit(130));
  });
}

setTimeout(() => {
  progress(`bench exceeded ${TOTAL_TIMEOUT_MS} ms; printing what it has and exiting`);
  failures++;
  result.error = `timed out after ${TOTAL_TIMEOUT_MS} ms`;
  print();
  void cleanup().finally(() => exit(2));
}, TOTAL_TIMEOUT_MS).unref();

main().then(exit, (e) => {
  progress(`bench crashed: ${(e as Error).stack ?? e}`);
  exit(1);
});
