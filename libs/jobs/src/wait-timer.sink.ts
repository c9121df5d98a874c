import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventSink, SiteEvent } from '@skranke/core';
import { preparedQuery, siteSettings } from '@skranke/persistence';
import { JobName, QueueName, jobIds } from './queue-names';
import { Queues } from './queues';

export interface WaitTimerJob {
  ticketId: string;
  serviceId: string;
  transferCount: number;
  kind: 'warning' | 'breach';
}

/**
 * When a ticket starts waiting for a service, schedule its warning (at the
 * site's share of the target) and its breach (at the target) as delayed jobs.
 * Calling the ticket in time needs no cleanup: the processor finds it no longer
 * waiting and does nothing.
 */
@Injectable()
export class WaitTimerSink implements EventSink {
  constructor(
    private readonly queues: Queues,
    private readonly dataSource: DataSource,
  ) {}

  async handle(events: SiteEvent[]): Promise<void> {
    for (const e of events) {
      const ticketId = e.ticketId;
      if ((e.type !== 'ticket.issued' && e.type !== 'ticket.transferred') || !ticketId) continue;
      const [row] = await preparedQuery<{ service_id: string; transfer_count: number; target_wait_minutes: number; settings: Parameters<typeof siteSettings>[0] }>(
        this.dataSource.manager,
        `SELECT t.service_id, t.transfer_count, s.target_wait_minutes, site.settings
         FROM ticket t JOIN service s ON s.id = t.service_id JOIN site ON site.id = t.site_id WHERE t.id = $1 AND t.status = 'waiting'`,
        [ticketId],
      );
      if (!row) continue;
      const targetMs = row.target_wait_minutes * 60_000;
      const since = Date.parse(e.at);
      const share = siteSettings(row.settings).waitWarningShare;
      const timers = ([['warning', targetMs * share], ['breach', targetMs]] as const).map(([kind, after]) => ({
        name: kind === 'warning' ? JobName.WaitWarning : JobName.WaitBreach,
        data: { ticketId, serviceId: row.service_id, transferCount: row.transfer_count, kind } satisfies WaitTimerJob,
        opts: {
          jobId: jobIds.waitTimer(ticketId, row.service_id, row.transfer_count, kind),
          delay: Math.max(0, since + after - Date.now()),
          removeOnComplete: true,
          removeOnFail: 100,
        },
      }));
      // Both timers in one round trip to Redis.
      await this.queues.get(QueueName.WaitTarget).addBulk(timers);
    }
  }
}
