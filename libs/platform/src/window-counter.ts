import type Redis from 'ioredis';

interface Count {
  /** Redis's total at the last flush: every instance's hits. */
  known: number;
  /** Sent to Redis, answer not back yet. */
  inflight: number;
  /** Counted here since the last flush. */
  pending: number;
  minute: number;
}

/**
 * Counts hits per key in this process and adds them to Redis in batches, so
 * a request never waits for Redis to be counted. The total a request is judged
 * by is Redis's count at the last flush (all instances) plus this process's
 * hits since: exact with one instance, at most `flushMs` behind the other
 * instances' hits with several. If Redis cannot be reached, counting goes on here.
 */
export class WindowCounter {
  private readonly counts = new Map<string, Count>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly flushMs = 100,
  ) {}

  /** Counts one hit for `key` (which names its window) and returns the total so far. */
  hit(key: string, minute: number): number {
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { known: 0, inflight: 0, pending: 0, minute }));
    c.pending++;
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    return c.known + c.inflight + c.pending;
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    const minute = Math.floor(Date.now() / 60_000);
    for (const [key, c] of this.counts) if (c.minute < minute - 1 && !c.pending && !c.inflight) this.counts.delete(key);
    const batch = [...this.counts].filter(([, c]) => c.pending > 0).map(([key, c]) => ({ key, c, sent: c.pending }));
    if (!batch.length) return;
    const pipeline = this.redis.pipeline();
    for (const b of batch) {
      b.c.inflight += b.sent;
      b.c.pending = 0;
      pipeline.incrby(b.key, b.sent).expire(b.key, this.ttlSeconds);
    }
    const replies = await pipeline.exec().catch(() => null);
    batch.forEach((b, i) => {
      b.c.inflight -= b.sent;
      const total = replies?.[i * 2]?.[1];
      b.c.known = typeof total === 'number' ? Math.max(total, b.c.known + b.sent) : b.c.known + b.sent;
    });
  }
}
