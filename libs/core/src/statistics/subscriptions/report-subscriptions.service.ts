import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, nextReportRun, notFound, ruleBroken, type ReportFrequency, type ReportLanguage } from '@skranke/domain';
import { ReportSubscription } from '@skranke/persistence';
import type { Actor } from '../../actor';
import { Clock } from '../../clock';
import { readableSites } from '../report-scope';
import { sentByEmail } from '../report-definition';
import { REPORTS } from '../reports';

export interface NewSubscription {
  report: string;
  siteIds: string[];
  frequency: ReportFrequency;
  lang: ReportLanguage;
  email: string;
  skipWhenEmpty?: boolean;
}

/**
 * A staff member's reports by e-mail. Only reports of aggregates (not the visits export), only sites the owner may
 * read now; at each send the report runs as its owner again, so a site the owner has lost is never sent.
 */
@Injectable()
export class ReportSubscriptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: NewSubscription, mailConfigured: boolean): Promise<ReportSubscription> {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Reports by e-mail are for staff.');
    const sites = await readableSites(this.ds, actor, input.siteIds);
    const report = REPORTS[input.report as keyof typeof REPORTS];
    if (!report) throw notFound('report_not_found', 'No such report.', { report: input.report });
    if (!sentByEmail(report))
      throw ruleBroken('report_not_subscribable', 'Only reports of aggregates are sent by e-mail.', { report: input.report });
    if (!mailConfigured) throw ruleBroken('email_not_configured', 'E-mail is not configured (SMTP_URL, MAIL_FROM).');
    const repo = this.ds.getRepository(ReportSubscription);
    return repo.save(
      repo.create({
        ownerUserId: actor.userId,
        report: report.id,
        siteIds: sites.map((s) => s.id),
        frequency: input.frequency,
        lang: input.lang,
        email: input.email,
        skipWhenEmpty: input.skipWhenEmpty ?? false,
        nextRunAt: nextReportRun(input.frequency, sites[0].timezone, this.clock.now()),
      }),
    );
  }

  list(actor: Actor): Promise<ReportSubscription[]> {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Reports by e-mail are for staff.');
    return this.ds.getRepository(ReportSubscription).find({ where: { ownerUserId: actor.userId }, order: { createdAt: 'ASC' } });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Reports by e-mail are for staff.');
    const res = await this.ds.getRepository(ReportSubscription).delete({ id, ownerUserId: actor.userId });
    if (!res.affected) throw notFound('subscription_not_found', 'No such subscription of yours.');
  }
}
