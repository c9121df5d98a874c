import { Injectable } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource } from 'typeorm';
import { Clock } from '@skranke/core';
import { calendarDateParam, invalid, maskContact, notFound } from '@skranke/domain';
import type { NotificationChannel as ChannelName } from '@skranke/persistence';

/** An instant with the site's offset (`2027-03-29T09:00:00+02:00`). */
const at = (d: Date | null, timeZone: string) =>
  d === null ? null : Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });

/** The supervisor's view of the outbox: each message with its contact masked, and today's counts per channel. */
@Injectable()
export class NotificationLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private async zone(siteId: string): Promise<string> {
    const [site] = await this.dataSource.query(`SELECT timezone FROM site WHERE id = $1`, [siteId]);
    if (!site) throw notFound('site_not_found', 'No such site.');
    return site.timezone;
  }

  private today(timeZone: string): Temporal.PlainDate {
    return Temporal.Instant.fromEpochMilliseconds(this.clock.now().getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  }

  /** Messages due from the start of `from` to the end of `to` (site dates, at most 31 days; today by default), newest first, at most 2000. */
  async list(siteId: string, from: unknown, to: unknown) {
    const timeZone = await this.zone(siteId);
    // A real calendar date or 400 invalid_date (2027-02-30 is no date); none: today at the site.
    const parse = (v: unknown, name: string) => (v === undefined || v === '' ? this.today(timeZone) : Temporal.PlainDate.from(calendarDateParam(v, name)));
    const start = parse(from, 'from');
    const end = parse(to, 'to');
    if (Temporal.PlainDate.compare(start, end) > 0) throw invalid('invalid_range', 'from must not be after to.');
    if (start.until(end).days > 31) throw invalid('invalid_range', 'At most 31 days at a time.');
    const startAt = new Date(start.toZonedDateTime(timeZone).epochMilliseconds);
    const endAt = new Date(end.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds);
    const rows: {
      id: string; subject_kind: 'appointment' | 'ticket'; kind: string; channel: ChannelName; state: string; contact: string | null; language: string;
      due_at: Date; sent_at: Date | null; delivered_at: Date | null; failed_at: Date | null; cancelled_at: Date | null; attempts: number; error: string | null;
    }[] = await this.dataSource.query(
      `SELECT id, subject_kind, kind, channel, state, contact, language, due_at, sent_at, delivered_at, failed_at, cancelled_at, attempts, error
       FROM notification WHERE site_id = $1 AND due_at >= $2 AND due_at < $3 ORDER BY due_at DESC, kind LIMIT 2000`,
      [siteId, startAt, endAt],
    );
    return {
      from: start.toString(),
      to: end.toString(),
      notifications: rows.map((r) => ({
        id: r.id,
        subject: r.subject_kind,
        kind: r.kind,
        channel: r.channel,
        state: r.state,
        contact: maskContact(r.channel, r.contact),
        language: r.language,
        dueAt: at(r.due_at, timeZone)!,
        sentAt: at(r.sent_at, timeZone),
        deliveredAt: at(r.delivered_at, timeZone),
        failedAt: at(r.failed_at, timeZone),
        cancelledAt: at(r.cancelled_at, timeZone),
        attempts: r.attempts,
        error: r.error,
      })),
    };
  }

  /** Today (site time) per channel: messages sent (delivered ones included), delivered, failed. */
  async todayCounts(siteId: string) {
    const timeZone = await this.zone(siteId);
    const day = this.today(timeZone);
    const startAt = new Date(day.toZonedDateTime(timeZone).epochMilliseconds);
    const endAt = new Date(day.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds);
    const rows: { channel: ChannelName; sent: number; delivered: number; failed: number }[] = await this.dataSource.query(
      `SELECT channel,
              count(*) FILTER (WHERE sent_at >= $2 AND sent_at < $3)::int AS sent,
              count(*) FILTER (WHERE delivered_at >= $2 AND delivered_at < $3)::int AS delivered,
              count(*) FILTER (WHERE failed_at >= $2 AND failed_at < $3)::int AS failed
       FROM notification
       WHERE site_id = $1 AND (sent_at >= $2 AND sent_at < $3 OR delivered_at >= $2 AND delivered_at < $3 OR failed_at >= $2 AND failed_at < $3)
       GROUP BY channel`,
      [siteId, startAt, endAt],
    );
    const channels = (['sms', 'email', 'push'] as const).map((channel) => ({ channel, sent: 0, delivered: 0, failed: 0, ...rows.find((r) => r.channel === channel) }));
    return { date: day.toString(), channels };
  }
}
