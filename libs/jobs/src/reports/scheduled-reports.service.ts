import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock, StatisticsService, loadStaffActor, reportCsv, type ReportResult } from '@skranke/core';
import {
  DomainError,
  nextReportRun,
  reportedPeriod,
  statText,
  type Interval,
  type ReportFrequency,
  type ReportLanguage,
} from '@skranke/domain';
import { reportMailHtml, reportMailText } from './report-mail';

interface DueSubscription {
  id: string;
  owner_user_id: string;
  report: string;
  site_ids: string[];
  frequency: ReportFrequency;
  lang: ReportLanguage;
  email: string;
  skip_when_empty: boolean;
  timezone: string;
}

/** The interval a scheduled report comes by: a day's by day, a week's by day, a month's by week, where the report has it. */
const PREFERRED: Record<ReportFrequency, Interval[]> = {
  daily: ['day', 'hour'],
  weekly: ['day', 'week'],
  monthly: ['week', 'month', 'day'],
};

/**
 * Sends the scheduled reports that are due (a housekeeping pass every minute). A pass claims due subscriptions
 * with SKIP LOCKED and moves each to its next send in the same transaction, so two workers never send one twice;
 * then makes each report as its owner (today's roles) for the last closed period and mails it, the chart in the
 * message and the CSV attached. At most once per period: a send that fails is recorded and told to the owner, not
 * retried. After an outage, one message for the latest closed period.
 */
@Injectable()
export class ScheduledReports implements OnApplicationShutdown {
  private readonly logger = new Logger('ScheduledReports');
  private transport: Transporter | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly statistics: StatisticsService,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  async sendDue(): Promise<{ sent: number; skipped: number; failed: number }> {
    const counts = { sent: 0, skipped: 0, failed: 0 };
    const mail = this.config.notifications.email;
    if (!mail) return counts;
    const now = this.clock.now();
    const due: DueSubscription[] = await this.ds.transaction(async (tx) => {
      const rows: DueSubscription[] = await tx.query(
        `SELECT r.id, r.owner_user_id, r.report, r.site_ids, r.frequency, r.lang, r.email, r.skip_when_empty,
                coalesce((SELECT s.timezone FROM site s WHERE s.id = r.site_ids[1]), 'Europe/Copenhagen') AS timezone
           FROM report_subscription r WHERE r.next_run_at <= $1 ORDER BY r.next_run_at LIMIT 20 FOR UPDATE OF r SKIP LOCKED`,
        [now],
      );
      for (const r of rows) {
        await tx.query('UPDATE report_subscription SET next_run_at = $2, last_run_at = $3 WHERE id = $1', [
          r.id,
          nextReportRun(r.frequency, r.timezone, now),
          now,
        ]);
      }
      return rows;
    });
    for (const sub of due) {
      const outcome = await this.sendOne(sub, now, mail.from).catch((e: unknown) => ({ status: 'failed' as const, code: errorCode(e) }));
      await this.ds.query('UPDATE report_subscription SET last_status = $2, last_error = $3 WHERE id = $1', [
        sub.id,
        outcome.status,
        outcome.code ?? null,
      ]);
      if (outcome.status === 'sent') counts.sent++;
      else if (outcome.status === 'skipped-empty') counts.skipped++;
      else counts.failed++;
    }
    return counts;
  }

  private async sendOne(
    sub: DueSubscription,
    now: Date,
    from: string,
  ): Promise<{ status: 'sent' | 'skipped-empty' | 'failed'; code?: string }> {
    const period = reportedPeriod(sub.frequency, sub.timezone, now);
    const t = (key: string, params: Record<string, string | number> = {}) => statText(sub.lang, key, params);
    const actor = await loadStaffActor(this.ds, sub.owner_user_id);
    if (!actor) return { status: 'failed', code: 'owner_inactive' };
    let result: ReportResult;
    try {
      const spec = this.statistics.definitionOf(sub.report);
      const interval = PREFERRED[sub.frequency].find((i) => spec.intervals.includes(i)) ?? spec.intervals[0];
      ({ result } = await this.statistics.run(sub.report, { siteIds: sub.site_ids.join(','), ...period, interval, lang: sub.lang }, actor));
    } catch (e) {
      const code = errorCode(e);
      const title = statText(sub.lang, `report.${sub.report}.title`);
      await (await this.mail()).sendMail({
        from,
        to: sub.email,
        subject: t('mail.failedSubject', { title }),
        text: t('mail.failed', { ...period, code }),
      });
      return { status: 'failed', code };
    }
    if (!result.rows.length && sub.skip_when_empty) return { status: 'skipped-empty' };
    const csv = await buffer(reportCsv(result, 'excel-da'));
    await (await this.mail()).sendMail({
      from,
      to: sub.email,
      subject: t('mail.subject', { title: result.title, ...period }),
      text: reportMailText(result, t),
      html: reportMailHtml(result, t),
      attachments: [
        { filename: `skranke-${result.report}-${period.from}-${period.to}.csv`, content: csv, contentType: 'text/csv; charset=utf-8' },
      ],
    });
    return { status: 'sent' };
  }

  private async mail(): Promise<Transporter> {
    if (!this.transport) {
      // Loaded with the first report sent (see lazy modules in docs/performance.md).
      const { createTransport } = await import('nodemailer');
      this.transport = createTransport({
        url: this.config.notifications.email!.smtpUrl,
        connectionTimeout: 10_000,
        socketTimeout: 30_000,
      } as never);
    }
    return this.transport;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function errorCode(e: unknown): string {
  if (e instanceof DomainError) return e.code;
  const smtp = e as { responseCode?: number };
  return typeof smtp.responseCode === 'number' ? `smtp_${smtp.responseCode}` : 'send_failed';
}

async function buffer(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}
