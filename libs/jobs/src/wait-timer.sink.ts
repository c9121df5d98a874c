import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cachedService, cachedSite } from '@skranke/core';
import type { EventSink, SiteEvent } from '@skranke/core';
import { siteSettings } from '@skranke/persistence';
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
 * Calling the ticket in time needs no cleanup, nor does one called before this
 * ran: the processor finds it no longer waiting and does nothing.
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
      // The staff payload names the ticket's service and transfer; service and site come from memory.
      const { serviceId, transferCount } = e.staffPayload as { serviceId: string; transferCount: number };
      const [service, site] = await Promise.all([cachedService(this.dataSource.manager, serviceId), cachedSite(this.dataSource.manager, e.siteId)]);
      if (!service || !site) continue;
      const targetMs = service.targetWaitMinutes * 60_000;
      const since = Date.parse(e.at);
      const share = siteSettings(site.settings).waitWarningShare;
      const timers = ([['warning', targetMs * share], ['breach', targetMs]] as const).map(([kind, after]) => ({
        name: kind === 'warning' ? JobName.WaitWarning : JobName.WaitBreach,
        data: { ticketId, serviceId, transferCount, kind } satisfies WaitTimerJob,
        opts: {
          jobId: jobIds.waitTimer(ticketId, serviceId, transferCount, kind),
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
