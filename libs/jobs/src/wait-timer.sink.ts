import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, cachedService, cachedSite } from '@skranke/core';
import type { EventSink, SiteEvent } from '@skranke/core';
import { siteSettings } from '@skranke/persistence';
import { JobName, QueueName, jobIds } from './queue-names';
import { Queues } from './queues';

export interface WaitTimerJob {
  ticketId: string;
  serviceId: string;
  transferCount: number;
  kind: 'warning' | 'breach';
  /** A warning's: when the breach is due (epoch ms). Its processor schedules the breach then. */
  breachAt?: number;
}

/** Warnings of several tickets of one service that were issued together, due together. */
export interface WaitWarningsJob {
  serviceId: string;
  tickets: { ticketId: string; transferCount: number; breachAt: number }[];
}

/** The delayed job of a ticket's warning or breach; its id is the same however often it is added. */
export function waitTimer(job: WaitTimerJob, dueAt: number, now: number) {
  return {
    name: job.kind === 'warning' ? JobName.WaitWarning : JobName.WaitBreach,
    data: job,
    opts: delayedUntil(jobIds.waitTimer(job.ticketId, job.serviceId, job.transferCount, job.kind), dueAt, now),
  };
}

/** A timer job's options: its deterministic id, due at `dueAt` (epoch ms, the application's clock), gone once done. */
function delayedUntil(jobId: string, dueAt: number, now: number) {
  return { jobId, delay: Math.max(0, dueAt - now), removeOnComplete: true, removeOnFail: 100 };
}

/**
 * When a ticket starts waiting for a service, schedule its warning (at the
 * site's share of the target) as a delayed job. The warning's processor, finding
 * the ticket still waiting, schedules the breach (at the target): most tickets
 * are called before the warning, and each delayed job costs Redis a script and
 * this process its share of a busy event loop (a second job per ticket cost 20
 * kiosks back to back about a tenth of their tickets per second). Calling the
 * ticket in time needs no cleanup, nor does one called before this ran: the
 * processor finds it no longer waiting and does nothing.
 */
@Injectable()
export class WaitTimerSink implements EventSink {
  constructor(
    private readonly queues: Queues,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async handle(events: SiteEvent[]): Promise<void> {
    const warnings: { job: WaitTimerJob; dueAt: number }[] = [];
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
      const warning: WaitTimerJob = { ticketId, serviceId, transferCount, kind: 'warning', breachAt: since + targetMs };
      warnings.push({ job: warning, dueAt: since + targetMs * share });
    }
    if (warnings.length) await this.queues.get(QueueName.WaitTarget).addBulk(grouped(warnings, this.clock.now().getTime()));
  }
}

/**
 * One delayed job per service for tickets issued together (a batch of kiosk
 * tickets, see SiteBatches; their times are milliseconds apart), due at the
 * last of their warnings so none comes early: each delayed job costs Redis a
 * script and this process its share of a busy event loop. A ticket alone, or
 * a transfer, keeps its own job.
 */
function grouped(warnings: { job: WaitTimerJob; dueAt: number }[], now: number) {
  const byService = new Map<string, { job: WaitTimerJob; dueAt: number }[]>();
  for (const w of warnings) {
    const group = byService.get(w.job.serviceId);
    if (group) group.push(w);
    else byService.set(w.job.serviceId, [w]);
  }
  return [...byService.values()].map((group) => {
    if (group.length === 1) return waitTimer(group[0].job, group[0].dueAt, now);
    const data: WaitWarningsJob = {
      serviceId: group[0].job.serviceId,
      tickets: group.map(({ job }) => ({ ticketId: job.ticketId, transferCount: job.transferCount, breachAt: job.breachAt! })),
    };
    const dueAt = Math.max(...group.map((w) => w.dueAt));
    return { name: JobName.WaitWarnings, data, opts: delayedUntil(jobIds.waitWarnings(data.tickets[0].ticketId, data.serviceId), dueAt, now) };
  });
}
