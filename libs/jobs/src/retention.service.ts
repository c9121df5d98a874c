import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@skranke/core';

/**
 * Erases personal details (note, flags, phone) a site-configured number of
 * hours after a ticket ended (default 24), and forgets idempotency keys after
 * 24 hours. The event log never held them. The notification outbox's contacts
 * (a number, an address, a push subscription) go the same number of hours
 * after the message was settled (sent, delivered, failed or cancelled); a
 * message still to be sent keeps its contact until then.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async eraseDue(): Promise<{ tickets: number; appointments: number; idempotencyKeys: number; notificationContacts: number }> {
    const now = this.clock.now();
    const [, tickets] = await this.dataSource.query(
      `UPDATE ticket t SET note = NULL, flags = '{}', phone = NULL, notify_contact = NULL, notify_channel = NULL FROM site s
       WHERE s.id = t.site_id AND t.ended_at IS NOT NULL
         AND t.ended_at <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))
         AND (t.note IS NOT NULL OR t.phone IS NOT NULL OR t.notify_contact IS NOT NULL OR cardinality(t.flags) > 0)`,
      [now],
    );
    const [, appointments] = await this.dataSource.query(
      `UPDATE appointment a SET phone = NULL FROM site s
       WHERE s.id = a.site_id AND a.phone IS NOT NULL
         AND a.starts_at <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))`,
      [now],
    );
    const [, notificationContacts] = await this.dataSource.query(
      `UPDATE notification n SET contact = NULL FROM site s
       WHERE s.id = n.site_id AND n.contact IS NOT NULL AND n.state IN ('sent', 'delivered', 'failed', 'cancelled')
         AND greatest(n.due_at, n.sent_at, n.delivered_at, n.failed_at, n.cancelled_at)
             <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))`,
      [now],
    );
    const [, idempotencyKeys] = await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE created_at < $1::timestamptz - interval '24 hours'`,
      [now],
    );
    return { tickets, appointments, idempotencyKeys, notificationContacts };
  }
}
