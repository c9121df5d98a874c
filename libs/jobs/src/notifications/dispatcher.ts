import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock } from '@skranke/core';
import { notificationSettings, smsNumberAllowed } from '@skranke/domain';
import type { OutboxRow } from './channel';
import { PermanentSendFailure } from './channel';
import { NotificationChannels } from './channels';
import { NotificationRenderer } from './renderer';

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/**
 * Sends the outbox's due rows (run by the repeating `notification-dispatch`
 * job, see JobWorkers). One statement claims a batch: due rows that are
 * scheduled (and not waiting for a retry) or whose claim expired (the worker
 * died), `FOR UPDATE SKIP LOCKED` so workers never claim the same row, each
 * re-checked against its booking or ticket in that same statement (a subject
 * that no longer wants it makes it cancelled). A claimed row is the claimer's
 * until `claimed_until` (now + lease); each send is given at most a third of
 * the lease, and marking it sent only succeeds while the claim is still the
 * same attempt. A failed send is retried with doubling waits (`claimed_until`
 * is then the earliest next try; `due_at` stays, it is part of the row's
 * once-key) until NOTIFY_MAX_ATTEMPTS. What remains: a worker killed after
 * the provider accepted a message and before its row says so sends it once
 * more after the lease; the Message-ID, push Topic and SMS userref carry the
 * row's id so that repeat can be recognised (see docs/notifications.md).
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger('NotificationDispatcher');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
    private readonly channels: NotificationChannels,
    private readonly renderer: NotificationRenderer,
  ) {}

  async dispatchDue(batch = 50): Promise<DispatchResult> {
    const now = this.clock.now();
    const n = this.config.notifications;
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [rows]: [(OutboxRow & { state: string })[], number] = await this.dataSource.query(CLAIM, [now, batch, n.leaseSeconds, n.maxAttempts]);
    const result: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    const claimed = rows.filter((r) => r.state === 'sending');
    result.claimed = claimed.length;
    result.cancelled = rows.filter((r) => r.state === 'cancelled').length;
    result.failed = rows.filter((r) => r.state === 'failed').length;
    const outcomes = await Promise.all(claimed.map((r) => this.deliver(r)));
    for (const o of outcomes) result[o]++;
    return result;
  }

  private async deliver(row: OutboxRow): Promise<'sent' | 'retried' | 'failed'> {
    const n = this.config.notifications;
    try {
      const channel = this.channels.get(row.channel);
      const [site] = await this.dataSource.query(`SELECT settings FROM site WHERE id = $1`, [row.siteId]);
      const settings = notificationSettings(site?.settings?.notifications, this.channels.configured());
      if (!channel || !settings.channels[row.channel]) throw new PermanentSendFailure('channel_off');
      if (row.channel === 'sms') await this.checkSms(row, settings.smsPerNumberPerDay);
      const rendered = await this.renderer.render(row);
      const { providerRef } = await channel.send(row, rendered, Math.floor((n.leaseSeconds * 1000) / 3));
      await this.mark(row, `state = 'sent', sent_at = $3, provider_ref = $4, claimed_until = NULL, error = NULL`, [this.clock.now(), providerRef]);
      return 'sent';
    } catch (err) {
      const message = (err as Error).message.slice(0, 300);
      if (err instanceof PermanentSendFailure || row.attempts >= n.maxAttempts) {
        const drop = err instanceof PermanentSendFailure && err.dropContact;
        if (drop) await this.dropSubscription(row);
        await this.mark(row, `state = 'failed', failed_at = $3, error = $4, claimed_until = NULL${drop ? ', contact = NULL' : ''}`, [this.clock.now(), message]);
        return 'failed';
      }
      const retryAt = new Date(this.clock.now().getTime() + n.retryBaseSeconds * 1000 * 2 ** (row.attempts - 1));
      await this.mark(row, `state = 'scheduled', claimed_until = $3, error = $4`, [retryAt, message]);
      this.logger.warn(`notification ${row.id} (${row.channel}) attempt ${row.attempts} failed, next at ${retryAt.toISOString()}: ${message}`);
      return 'retried';
    }
  }

  /**
   * Danish numbers only unless the operator allowed more; at most N per number per day (the last 24 hours).
   * Race-free: under a transaction-scoped advisory lock on the number, one transaction counts the number's
   * messages sent in the last 24 hours plus those being sent that passed this check (stamped `sms_counted_at`,
   * still claimed), and stamps this row if there is room. Two workers (or two rows of one batch) sending to the
   * same number at once take turns at the lock, and the second sees the first's stamp. The lock is held for
   * the count only, not the send.
   */
  private async checkSms(row: OutboxRow, perDay: number): Promise<void> {
    if (!smsNumberAllowed(row.contact, this.config.notifications.sms?.allowedPrefixes)) throw new PermanentSendFailure('number_not_allowed');
    const now = this.clock.now();
    const room = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('sms-per-day:' || $1, 0))`, [row.contact]);
      const [{ count }] = await tx.query(
        `SELECT count(*)::int AS count FROM notification
          WHERE channel = 'sms' AND contact = $1 AND id <> $2
            AND (sent_at > $3::timestamptz - interval '24 hours' OR (state = 'sending' AND sms_counted_at IS NOT NULL AND claimed_until > $3))`,
        [row.contact, row.id, now],
      );
      if (count >= perDay) return false;
      await tx.query(`UPDATE notification SET sms_counted_at = $3 WHERE id = $1 AND attempts = $2 AND state = 'sending'`, [row.id, row.attempts, now]);
      return true;
    });
    if (!room) throw new PermanentSendFailure('daily_limit');
  }

  /** Only while the claim is still this attempt's: a worker whose lease ran out changes nothing. */
  private async mark(row: OutboxRow, set: string, params: unknown[]): Promise<void> {
    await this.dataSource.query(`UPDATE notification SET ${set} WHERE id = $1 AND attempts = $2 AND state = 'sending'`, [row.id, row.attempts, ...params]);
  }

  /** A push subscription the push service no longer knows: off the ticket (which cancels what is pending); the row forgets it as it fails. */
  private async dropSubscription(row: OutboxRow): Promise<void> {
    if (row.subjectKind === 'ticket') await this.dataSource.query(`UPDATE ticket SET notify_contact = NULL, notify_channel = NULL WHERE id = $1 AND notify_contact = $2`, [row.subjectId, row.contact]);
  }
}

/**
 * $1 now, $2 batch, $3 lease seconds, $4 max attempts. Whether the subject still
 * wants the message: a booking still booked and ahead (or cancelled, for the
 * cancellation) with its contact; a ticket still waiting (turn near), called
 * (turn called) or finished (survey).
 */
const CLAIM = /* sql */ `
  WITH candidate AS (
    SELECT id FROM notification
    WHERE state IN ('scheduled', 'sending') AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
    ORDER BY due_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  ), judged AS (
    SELECT n.id, n.contact IS NOT NULL AND CASE n.subject_kind
      WHEN 'appointment' THEN EXISTS (
        SELECT 1 FROM appointment a WHERE a.id = n.subject_id AND coalesce(a.phone, a.email) IS NOT NULL
          AND CASE WHEN n.kind = 'booking-cancelled' THEN a.status = 'cancelled' ELSE a.status = 'booked' AND a.starts_at > $1 END)
      ELSE EXISTS (
        SELECT 1 FROM ticket t WHERE t.id = n.subject_id
          AND t.status = CASE n.kind WHEN 'turn-near' THEN 'waiting' WHEN 'turn-called' THEN 'called' WHEN 'survey' THEN 'finished' END)
      END AS wanted
    FROM notification n JOIN candidate c ON c.id = n.id
  )
  UPDATE notification n SET
    state = CASE WHEN NOT j.wanted THEN 'cancelled' WHEN n.attempts >= $4 THEN 'failed' ELSE 'sending' END,
    cancelled_at = CASE WHEN NOT j.wanted THEN $1 ELSE n.cancelled_at END,
    failed_at = CASE WHEN j.wanted AND n.attempts >= $4 THEN $1 ELSE n.failed_at END,
    error = CASE WHEN j.wanted AND n.attempts >= $4 THEN coalesce(n.error, 'no attempts left') ELSE n.error END,
    attempts = CASE WHEN j.wanted AND n.attempts < $4 THEN n.attempts + 1 ELSE n.attempts END,
    claimed_until = CASE WHEN j.wanted AND n.attempts < $4 THEN $1 + make_interval(secs => $3) END,
    sms_counted_at = NULL
  FROM judged j WHERE j.id = n.id
  RETURNING n.id, n.state, n.site_id AS "siteId", n.subject_kind AS "subjectKind", n.subject_id AS "subjectId", n.kind, n.channel,
            n.contact, n.language, n.params, n.due_at AS "dueAt", n.attempts`;
