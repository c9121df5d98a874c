import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventSink, SiteEvent } from '@skranke/core';
import { JobName, QueueName } from '../queue-names';
import { Queues } from '../queues';

/** How stale the list of sites with webhooks may be; a site's first webhook waits at most this long for wake-ups (the scheduled passes still run). */
const SITES_TTL_MS = 5000;

/**
 * After a change commits at a site with an enabled webhook, asks for a
 * dispatcher pass at once instead of at the next scheduled one (WEBHOOK_DISPATCH_MS),
 * so a delivery at rest takes tens of milliseconds, not half the period. One
 * wake-up job at a time (a fixed job id: adding it while it waits is a no-op,
 * so a burst costs a few jobs); the scheduled passes remain the guarantee, this
 * is only speed. Sites without webhooks cost a set lookup.
 */
@Injectable()
export class WebhookWakeSink implements EventSink {
  private readonly logger = new Logger('WebhookWakeSink');
  private sites: Set<string> | null = null;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly queues: Queues,
    private readonly dataSource: DataSource,
  ) {}

  async handle(events: SiteEvent[]): Promise<void> {
    const sites = await this.sitesWithWebhooks();
    if (!events.some((e) => sites.has(e.siteId))) return;
    await this.queues
      .get(QueueName.Webhooks)
      .add(JobName.WebhookWake, {}, { jobId: 'webhook-wake', removeOnComplete: true, removeOnFail: true })
      .catch((err: Error) => this.logger.warn(`could not wake the webhook dispatcher: ${err.message}`));
  }

  /** The cached list; past its age it is read again in the background (the first time, waited for). */
  private async sitesWithWebhooks(): Promise<Set<string>> {
    if (Date.now() - this.loadedAt > SITES_TTL_MS) {
      this.loading ??= this.load().finally(() => (this.loading = null));
      if (!this.sites) await this.loading;
    }
    return this.sites ?? new Set();
  }

  private async load(): Promise<void> {
    try {
      const rows: { siteId: string }[] = await this.dataSource.query(`SELECT DISTINCT site_id AS "siteId" FROM webhook_endpoint WHERE enabled`);
      this.sites = new Set(rows.map((r) => r.siteId));
    } catch {
      this.sites ??= new Set(); // the scheduled passes still deliver
    }
    this.loadedAt = Date.now();
  }
}
