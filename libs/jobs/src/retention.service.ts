import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@skranke/core';

/**
 * Erases personal details (note, flags, phone) a site-configured number of
 * hours after a ticket ended (default 24), and a booking's contact (phone or
 * e-mail) as long after its time ends, whatever became of it (and a sent or
 * cancelled message's copy as long after it was due); forgets
 * idempotency keys (tickets' and bookings') after 24 hours. The event log never
 * held them. What stays of a booking is its service, times, status and code.
 * The notification outbox's copy of a contact (a number, an address, a push
 * subscription) goes as long after the message was due, once it is settled
 * (sent, delivered, failed or cancelled); one still to be sent keeps it. A
 * ticket's "tell me" contact goes with its other details. Audit entries go after the site's
 * `auditRetentionDays` (default 365).
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async eraseDue(): Promise<{ tickets: number; appointments: number; idempotencyKeys: number; appointmentKeys: number; notificationContacts: number; auditEntries: number }> {
    const now = this.clock.now();
    const [, tickets] = await this.dataSource.query(
      `UPDATE ticket t SET note = NULL, flags = '{}', phone = NULL, notify_contact = NULL, notify_channel = NULL FROM site s
       WHERE s.id = t.site_id AND t.ended_at IS NOT NULL
         AND t.ended_at <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))
         AND (t.note IS NOT NULL OR t.phone IS NOT NULL OR t.notify_contact IS NOT NULL OR cardinality(t.flags) > 0)`,
      [now],
    );
    const [, appointments] = await this.dataSource.query(
      `UPDATE appointment a SET phone = NULL, email = NULL FROM site s
       WHERE s.id = a.site_id AND (a.phone IS NOT NULL OR a.email IS NOT NULL)
         AND a.ends_at <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))`,
      [now],
    );
    // A message's copy of the contact goes on the same schedule once it is no longer to be sent.
    const [, notificationContacts] = await this.dataSource.query(
      `UPDATE notification n SET contact = NULL FROM site s
       WHERE s.id = n.site_id AND n.contact IS NOT NULL AND n.state NOT IN ('scheduled', 'sending')
         AND n.due_at <= $1::timestamptz - make_interval(hours => coalesce((s.settings->>'retentionHours')::int, 24))`,
      [now],
    );
    // The booking function replays a key only within 24 hours; after that it is only a trace of the client.
    const [, appointmentKeys] = await this.dataSource.query(
      `UPDATE appointment SET idempotency_key = NULL, client_key = NULL
       WHERE (idempotency_key IS NOT NULL OR client_key IS NOT NULL) AND created_at < $1::timestamptz - interval '24 hours'`,
      [now],
    );
    const [, idempotencyKeys] = await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE created_at < $1::timestamptz - interval '24 hours'`,
      [now],
    );
    // The audit log keeps an act for the site's audit retention (default a year); acts of no site for a year.
    const [, auditEntries] = await this.dataSource.query(
      `DELETE FROM audit_entry a WHERE a.at < $1::timestamptz - make_interval(days => coalesce(
         (SELECT (s.settings->>'auditRetentionDays')::int FROM site s WHERE s.id = a.site_id), 365))`,
      [now],
    );
    return { tickets, appointments, idempotencyKeys, appointmentKeys, notificationContacts, auditEntries };
  }
}
