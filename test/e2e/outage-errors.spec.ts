import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ErrorFilter } from '../../libs/platform/src/error.filter';
import { freePort } from '../support/servers';
import { REDIS_URL } from '../support/redis';
import { createTestDatabase } from '../support/database';
import { until } from '../support/until';

/** What the error filter answers for an error: status, Retry-After and body, as the client gets them. */
function answer(error: unknown): { status: number; retryAfter?: string; body: { error: { code: string } } } {
  const headers: Record<string, string> = {};
  const out = { status: 0, body: null as never };
  const res = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    status(code: number) {
      out.status = code;
      return this;
    },
    json: (body: never) => void (out.body = body),
  };
  new ErrorFilter().catch(error, { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as never);
  return { ...out, retryAfter: headers['retry-after'] };
}

const rejection = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err);

/**
 * The errors real PostgreSQL and Redis clients give while the server is
 * unreachable or going away are 503s with Retry-After, each with its code;
 * an ordinary database error stays what it was.
 */
describe('errors of a dependency that is down', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    Logger.overrideLogger(false); // the filter's warnings are expected here
    db = await createTestDatabase();
    ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const unavailable = (code: string) => ({ status: 503, retryAfter: '5', body: { error: { code, message: expect.any(String), details: { retryAfterSeconds: 5 } } } });

  it('PostgreSQL refusing connections is database_unavailable', async () => {
    const nowhere = createDataSource(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, { poolSize: 1 });
    const err = await rejection(nowhere.initialize());
    expect(answer(err)).toEqual(unavailable('database_unavailable'));
  });

  it('a session ended by the server (admin shutdown, 57P01) is database_unavailable; a division by zero is not', async () => {
    const broken = await rejection(ds.query('SELECT 1 / 0'));
    expect(answer(broken)).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
    expect(answer(broken).retryAfter).toBeUndefined();
    const ended = await rejection(ds.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(answer(ended)).toEqual(unavailable('database_unavailable'));
    // The pool replaces the ended session (a query meeting it before the pool noticed is a 503 too).
    const one = await until(async () => {
      const result = await ds.query('SELECT 1 AS one').catch((err: unknown) => expect(answer(err)).toEqual(unavailable('database_unavailable')));
      return result;
    }, 5);
    expect(one).toEqual([{ one: 1 }]);
  });

  it('Redis unreachable is redis_unavailable', async () => {
    const redis = new Redis(await freePort(), '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    redis.on('error', () => undefined);
    try {
      const err = await rejection(redis.get('key'));
      expect(answer(err)).toEqual(unavailable('redis_unavailable'));
    } finally {
      redis.disconnect();
    }
    // A Redis that answers with an error of its own is no outage.
    const working = new Redis(REDIS_URL);
    try {
      const wrongType = await rejection(working.eval('return redis.error_reply("no")', 0));
      expect(answer(wrongType).status).toBe(500);
    } finally {
      working.disconnect();
    }
  });
});
