/**
 * The floor for call-next → display: the least work that can claim a waiting
 * ticket, log its event and tell a listener. One bare pg transaction
 * (BEGIN; claim with FOR UPDATE SKIP LOCKED; bump the site's seq and append the
 * event row; COMMIT) and a Redis PUBLISH that a subscriber receives. Timed from
 * BEGIN being sent to the subscriber's message, with one worker.
 */
import Redis from 'ioredis';
import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { BENCH_REDIS_URL } from './bench-db';
import { progress, summarise, withTimeout } from './stats';

export interface FloorInput {
  databaseUrl: string;
  siteId: string;
  counterId: string;
  redisPrefix: string;
  /** Untimed claims before the first timed one; there must be enough waiting tickets for all claims. */
  warmup: number;
}

const CLAIM = `
  UPDATE ticket SET status = 'called', called_at = now(), counter_id = $2, seat = 1
  WHERE id = (
    SELECT id FROM ticket
    WHERE site_id = $1 AND business_date = $3 AND status = 'waiting'
    ORDER BY ordered_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  RETURNING id, number, service_id`;

const APPEND = `
  WITH s AS (UPDATE site_event_seq SET last_seq = last_seq + 1 WHERE site_id = $1 RETURNING last_seq)
  INSERT INTO ticket_event (site_id, seq, type, ticket_id, counter_id, at, payload)
  SELECT $1, s.last_seq, 'ticket.called', $2, $3, now(), $4::jsonb FROM s
  RETURNING seq`;

/**
 * The floor, sampled in chunks (`sample`) so the bench can interleave it with
 * its own rounds: a machine whose speed drifts then moves both alike.
 */
export class Floor {
  private readonly pg: Client;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly channel: string;
  private subId = 0;
  private readonly subLog: string[] = [];
  private date?: string;
  readonly totals: number[] = [];
  readonly txs: number[] = [];

  constructor(private readonly input: FloorInput) {
    this.pg = new Client({ connectionString: input.databaseUrl, application_name: 'skranke-bench-floor' });
    this.pub = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
    this.sub = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
    this.channel = `${input.redisPrefix}:bench-floor`;
  }

  async open(): Promise<void> {
    await this.pg.connect();
    for (const ev of ['close', 'reconnecting', 'error', 'end']) this.sub.on(ev, (x: unknown) => this.subLog.push(`${Math.round(performance.now())} ${ev} ${x ?? ''}`));
    this.subId = Number(await this.sub.client('ID'));
    this.subLog.push(`${Math.round(performance.now())} subscribed ${await this.sub.subscribe(this.channel)}`);
    this.sub.on('message', (_ch: string, message: string) => {
      const at = performance.now();
      const { ticketId } = JSON.parse(message);
      this.waiters.get(ticketId)?.(at);
    });
    const [row] = (
      await this.pg.query(`SELECT business_date::text FROM ticket WHERE site_id = $1 AND status = 'waiting' LIMIT 1`, [this.input.siteId])
    ).rows;
    if (!row?.business_date) throw new Error('floor: no waiting tickets at the floor site');
    this.date = row.business_date;
    for (let i = 0; i < this.input.warmup; i++) await this.once();
  }

  /** `n` timed claims. */
  async sample(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const r = await this.once();
      this.totals.push(r.total);
      this.txs.push(r.tx);
    }
  }

  private async once(): Promise<{ total: number; tx: number }> {
    const { pg, input } = this;
    const t0 = performance.now();
    await pg.query('BEGIN');
    const claimed = (await pg.query(CLAIM, [input.siteId, input.counterId, this.date])).rows[0];
    if (!claimed) {
      await pg.query('ROLLBACK');
      throw new Error('floor: ran out of waiting tickets');
    }
    const payload = { ticketId: claimed.id, number: claimed.number, serviceId: claimed.service_id, status: 'called', counterId: input.counterId, seat: 1 };
    const [{ seq }] = (await pg.query(APPEND, [input.siteId, claimed.id, input.counterId, JSON.stringify(payload)])).rows;
    await pg.query('COMMIT');
    const t1 = performance.now();
    const received = new Promise<number>((resolve) => this.waiters.set(claimed.id, resolve));
    await this.pub.publish(this.channel, JSON.stringify({ ...payload, seq, siteId: input.siteId, type: 'ticket.called' }));
    const t2 = await withTimeout(received, 5000, 'floor: subscriber message').catch(async (e: Error) => {
      // Say what the subscriber's connection was doing (a run once lost a message here).
      const [, listeners] = (await this.pub.pubsub('NUMSUB', this.channel).catch(() => [])) as [string, number];
      const list = String(await this.pub.client('LIST').catch(() => ''));
      const mine = list.split('\n').find((l) => l.startsWith(`id=${this.subId} `)) ?? `client ${this.subId} not connected`;
      throw new Error(`${e.message} (subscriber ${this.sub.status}, ${listeners ?? '?'} subscriber(s) on the channel, ticket ${claimed.id}; ${mine}; ${this.subLog.join(' | ')})`);
    });
    this.waiters.delete(claimed.id);
    // Not timed: free the seat, as the counter's "finish" would.
    await pg.query(`UPDATE ticket SET status = 'finished', ended_at = now() WHERE id = $1`, [claimed.id]);
    return { total: t2 - t0, tx: t1 - t0 };
  }

  summary() {
    const total = summarise(this.totals);
    const tx = summarise(this.txs);
    progress(`floor: p50 ${total.p50} ms, p99 ${total.p99} ms (transaction alone p50 ${tx.p50} ms) over ${total.n} claims`);
    return {
      workers: 1,
      sqlStatements: 4,
      calls: total.n,
      p50Ms: total.p50,
      p99Ms: total.p99,
      meanMs: total.mean,
      transactionP50Ms: tx.p50,
      transactionP99Ms: tx.p99,
      what: 'BEGIN; UPDATE ticket … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING; UPDATE site seq + INSERT ticket_event (one statement); COMMIT; Redis PUBLISH → subscriber message',
    };
  }

  async close(): Promise<void> {
    await this.pg.end().catch(() => undefined);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
