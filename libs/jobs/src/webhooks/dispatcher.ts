import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock } from '@skranke/core';
import { LoggedEvent, webhookMessage } from './payload';
import { sendWebhook } from './sender';
import { webhookHeaders } from './signature';

export interface WebhookPassResult {
  created: number;
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedDelivery {
  id: string;
  endpointId: string;
  siteId: string;
  seq: number;
  attempts: number;
  url: string;
  /** The current secret, then the one before while a rotation's overlap lasts. */
  secrets: string[];
}

const BATCH = 50;
const LANES = 4;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Webhook deliveries (run by the repeating `webhook-dispatch` job, see JobWorkers;
 * docs/integration.md). A pass first reads each enabled endpoint's site log after
 * its cursor and writes a delivery per subscribed event, moving the cursor, in
 * one statement that locks the endpoint rows it reads (SKIP LOCKED: two workers
 * never read for the same endpoint at once, and a delivery is unique per
 * endpoint and seq anyway). As a site's events commit in seq order, nothing
 * behind the cursor can appear later: no event is missed. Then it claims due
 * deliveries (SKIP LOCKED, a lease as long as two timeouts) and sends them; a
 * failure waits the schedule's next step, 410 Gone disables the endpoint, and a
 * worker that died mid-send leaves its claim to expire and the delivery to be
 * sent again (receivers deduplicate on `webhook-id`, as the specification says).
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('WebhookDispatcher');
  private prunedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One pass: new events into deliveries, then the due ones sent; again while
   * either found work (a burst goes out in one pass, and events that came in
   * meanwhile are picked up between rounds rather than only at the next pass).
   */
  async pass(): Promise<WebhookPassResult> {
    const result: WebhookPassResult = { created: 0, sent: 0, retried: 0, failed: 0 };
    // A few lanes claim and send at once, so one lane's database round trips overlap another's requests.
    const lane = async () => {
      let n = 0;
      for (let i = 0; i < 10; i++) {
        const outcomes = await this.sendDue();
        for (const o of outcomes) result[o]++;
        n += outcomes.length;
        if (outcomes.length < BATCH) break;
      }
      return n;
    };
    for (let round = 0; round < 50; round++) {
      const { created, moved } = await this.fanOut();
      result.created += created;
      const sent = (await Promise.all(Array.from({ length: LANES }, lane))).reduce((a, b) => a + b, 0);
      if (!moved && !sent) break;
    }
    if (this.clock.now().getTime() - this.prunedAt > PRUNE_EVERY_MS) await this.prune();
    return result;
  }

  /** Forgets delivered and failed deliveries older than WEBHOOK_LOG_DAYS (a few thousand at a time; the next prune goes on). */
  async prune(): Promise<number> {
    this.prunedAt = this.clock.now().getTime();
    const before = new Date(this.prunedAt - this.config.webhooks.logDays * 24 * 3600_000);
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM webhook_delivery WHERE id IN (
         SELECT id FROM webhook_delivery WHERE state IN ('delivered', 'failed') AND created_at < $1 ORDER BY created_at LIMIT 5000)`,
      [before],
    );
    return count;
  }

  /** Deliveries for the events after each enabled endpoint's cursor (at most 1000 events per endpoint). */
  async fanOut(): Promise<{ created: number; moved: number }> {
    const [row] = await this.dataSource.query(FAN_OUT, [1000, this.clock.now()]);
    return row;
  }

  /** Claims up to a batch of due deliveries, sends them at once and records every outcome in one statement. */
  async sendDue(): Promise<Outcome['result'][]> {
    const now = this.clock.now();
    const leaseSeconds = Math.ceil((this.config.webhooks.timeoutMs * 2) / 1000) + 30;
    const [claimed]: [ClaimedDelivery[], number] = await this.dataSource.query(CLAIM, [now, BATCH, leaseSeconds]);
    if (!claimed.length) return [];
    const events: LoggedEvent[] = await this.dataSource.query(
      `SELECT e.site_id AS "siteId", e.seq, e.type, e.at, e.ticket_id AS "ticketId", e.counter_id AS "counterId", e.payload
       FROM ticket_event e JOIN unnest($1::uuid[], $2::int[]) AS k(site_id, seq) ON k.site_id = e.site_id AND k.seq = e.seq`,
      [claimed.map((c) => c.siteId), claimed.map((c) => c.seq)],
    );
    const byKey = new Map(events.map((e) => [`${e.siteId}:${e.seq}`, e]));
    const outcomes = await Promise.all(claimed.map((d) => this.deliver(d, byKey.get(`${d.siteId}:${d.seq}`))));
    const gone = [...new Set(outcomes.filter((o) => o.status === 410).map((o) => o.delivery.endpointId))];
    if (gone.length) {
      // The receiver says the endpoint is gone for good (Standard Webhooks): stop sending to it.
      await this.dataSource.query(`UPDATE webhook_endpoint SET enabled = false, disabled_reason = 'gone', updated_at = $2 WHERE id = ANY ($1::uuid[])`, [gone, this.clock.now()]);
      this.logger.warn(`webhook endpoints ${gone.join(', ')} answered 410 Gone: disabled`);
    }
    // Only while each claim is still that attempt's: a worker whose lease ran out changes nothing.
    await this.dataSource.query(RECORD, [
      outcomes.map((o) => o.delivery.id),
      outcomes.map((o) => o.delivery.attempts),
      outcomes.map((o) => (o.result === 'sent' ? 'delivered' : o.result === 'failed' ? 'failed' : 'pending')),
      outcomes.map((o) => o.next),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.error),
      outcomes.map((o) => o.at),
    ]);
    return outcomes.map((o) => o.result);
  }

  private async deliver(d: ClaimedDelivery, event: LoggedEvent | undefined): Promise<Outcome> {
    const w = this.config.webhooks;
    const outcome = (result: Outcome['result'], status: number | null, error: string | null, next: Date | null = null): Outcome => ({ delivery: d, result, status, error, next, at: this.clock.now() });
    if (!event) return outcome('failed', null, 'event no longer in the log');
    const body = JSON.stringify(webhookMessage(event));
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const { status, error } = await sendWebhook(d.url, webhookHeaders(d.secrets, d.id, timestamp, body), body, w.timeoutMs, w.allowPrivate);
    if (status !== null && status >= 200 && status < 300) return outcome('sent', status, null);
    if (status === 410) return outcome('failed', status, 'HTTP 410: endpoint disabled');
    const why = error ?? `HTTP ${status}`;
    const wait = w.retryScheduleMs[d.attempts];
    if (wait === undefined) return outcome('failed', status, why);
    const next = new Date(this.clock.now().getTime() + wait + Math.floor(Math.random() * wait * 0.2)); // jitter: up to a fifth more
    return outcome('retried', status, why, next);
  }
}

interface Outcome {
  delivery: ClaimedDelivery;
  result: 'sent' | 'retried' | 'failed';
  status: number | null;
  error: string | null;
  /** The next attempt's time (retried). */
  next: Date | null;
  at: Date;
}

/** $1 ids, $2 attempts (the claim's), $3 states, $4 next attempts, $5 statuses, $6 errors, $7 when. */
const RECORD = /* sql */ `
  UPDATE webhook_delivery d SET
    state = o.state,
    claimed_until = NULL,
    next_attempt_at = coalesce(o.next, d.next_attempt_at),
    delivered_at = CASE WHEN o.state = 'delivered' THEN o.at ELSE d.delivered_at END,
    last_status = o.status,
    last_error = o.error
  FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::int[], $6::text[], $7::timestamptz[]) AS o(id, attempts, state, next, status, error, at)
  WHERE d.id = o.id AND d.attempts = o.attempts AND d.state = 'sending'`;

/** $1 events per endpoint at most, $2 now. */
const FAN_OUT = /* sql */ `
  WITH ep AS (
    -- Only endpoints behind their site's head (a committed change's last seq): an idle pass locks nothing.
    SELECT w.id, w.site_id, w.cursor_seq, w.events FROM webhook_endpoint w JOIN site_event_seq s ON s.site_id = w.site_id
    WHERE w.enabled AND s.last_seq > w.cursor_seq ORDER BY w.id FOR UPDATE OF w SKIP LOCKED
  ), ev AS (
    SELECT ep.id AS endpoint_id, ep.events, e.site_id, e.seq, e.type
    FROM ep CROSS JOIN LATERAL (
      SELECT site_id, seq, type FROM ticket_event WHERE site_id = ep.site_id AND seq > ep.cursor_seq ORDER BY seq LIMIT $1
    ) e
  ), ins AS (
    INSERT INTO webhook_delivery (endpoint_id, site_id, seq, type, next_attempt_at)
    SELECT endpoint_id, site_id, seq, type, $2 FROM ev WHERE type = ANY (events)
    ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING
    RETURNING 1
  ), moved AS (
    UPDATE webhook_endpoint w SET cursor_seq = m.last
    FROM (SELECT endpoint_id, max(seq) AS last FROM ev GROUP BY endpoint_id) m
    WHERE w.id = m.endpoint_id
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM moved)::int AS moved`;

/** $1 now, $2 batch, $3 lease seconds. Deliveries of disabled endpoints wait. */
const CLAIM = /* sql */ `
  WITH candidate AS (
    SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id
    WHERE d.state IN ('pending', 'sending') AND d.next_attempt_at <= $1 AND (d.claimed_until IS NULL OR d.claimed_until <= $1) AND w.enabled
    ORDER BY d.next_attempt_at, d.seq
    LIMIT $2
    FOR UPDATE OF d SKIP LOCKED
  )
  UPDATE webhook_delivery d SET state = 'sending', attempts = d.attempts + 1, claimed_until = $1 + make_interval(secs => $3), last_attempt_at = $1
  FROM candidate c, webhook_endpoint w
  WHERE c.id = d.id AND w.id = d.endpoint_id
  RETURNING d.id, d.endpoint_id AS "endpointId", d.site_id AS "siteId", d.seq, d.attempts, w.url,
            array_remove(ARRAY[w.secret, CASE WHEN w.previous_secret_until > $1 THEN w.previous_secret END], NULL) AS secrets`;
