/**
 * The rate limit counts in each process and adds to Redis in batches
 * (libs/platform window-counter.ts). Within one process the count is exact,
 * also for hits at once; across instances each sees the others' hits after a
 * flush; and the Redis key holds every hit of every instance.
 */
import Redis from 'ioredis';
import { WindowCounter } from '../../libs/platform/src/window-counter';
import { REDIS_URL, clearRedisPrefix } from '../support/redis';

describe('rate-limit window counter', () => {
  const prefix = `ratetest${process.pid}`;
  // The window the guard would pass: the current minute (older windows are forgotten on flush).
  const minute = () => Math.floor(Date.now() / 60_000);
  const a = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const b = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  afterAll(async () => {
    await clearRedisPrefix(prefix);
    a.disconnect();
    b.disconnect();
  });

  it('is exact within one instance: 50 hits at once give totals 1 to 50', async () => {
    const counter = new WindowCounter(a, 120);
    const totals = await Promise.all(Array.from({ length: 50 }, async () => counter.hit(`${prefix}:one`, minute())));
    expect([...totals].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_v, i) => i + 1));
    await counter.flush();
    expect(Number(await a.get(`${prefix}:one`))).toBe(50);
    expect(await a.ttl(`${prefix}:one`)).toBeGreaterThan(100);
  });

  it('two instances see each other’s hits after a flush, and Redis holds them all', async () => {
    const one = new WindowCounter(a, 120, 10);
    const two = new WindowCounter(b, 120, 10);
    const key = `${prefix}:shared`;
    // Both count at once, as two app instances behind a balancer would.
    await Promise.all([
      ...Array.from({ length: 30 }, async () => one.hit(key, minute())),
      ...Array.from({ length: 20 }, async () => two.hit(key, minute())),
    ]);
    await Promise.all([one.flush(), two.flush()]);
    // Each instance's next flush learns the total the other added.
    one.hit(key, minute());
    two.hit(key, minute());
    await Promise.all([one.flush(), two.flush()]);
    expect(Number(await a.get(key))).toBe(52);
    expect(one.hit(key, minute())).toBeGreaterThanOrEqual(52);
    expect(two.hit(key, minute())).toBeGreaterThanOrEqual(52);
  });
});
