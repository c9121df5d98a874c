/** A private, migrated database for one bench run (never touches the tests' template database). */
import 'reflect-metadata';
import { clearRedisPrefix as clearTestRedisPrefix } from '../../test/support/redis';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { adminQuery, dbUrl } from '../../test/support/database';

export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function randomSuffix(): string {
  return `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `skranke_bench_${randomSuffix()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = dbUrl(name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    const ds = createDataSource(url, { poolSize: 2, name: 'skranke-bench-migrate' });
    await ds.initialize();
    try {
      await runMigrations(ds);
    } finally {
      await ds.destroy();
    }
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
  return { name, url, drop };
}

/** Deletes every Redis key under a prefix (BullMQ jobs, socket.io channels' leftovers). */
export const clearRedisPrefix = (prefix: string, url = BENCH_REDIS_URL): Promise<void> => clearTestRedisPrefix(prefix, url);
