import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, EVENT_SINKS, EventSink, runSiteChange } from '@skranke/core';
import { Service, Ticket } from '@skranke/persistence';
import { QueueName } from './queue-names';
import { Queues } from './queues';
import { WaitTimerJob, WaitWarningsJob, waitTimer } from './wait-timer.sink';

/**
 * Raises `alert.wait-target` for a ticket still waiting for the same service.
 * The wait_alert row's key makes it happen once, however many workers run or
 * however often the job is retried. A warning for a ticket still waiting then
 * schedules its breach (the job's id makes that once too).
 */
@Injectable()
export class WaitTargetProcessor {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queues: Queues,
  ) {}

  async process(job: WaitTimerJob): Promise<'alerted' | 'skipped'> {
    const result = await this.alert(job);
    if (result !== 'no longer waiting' && job.kind === 'warning' && job.breachAt !== undefined) {
      const { name, data, opts } = waitTimer({ ...job, kind: 'breach', breachAt: undefined }, job.breachAt, this.clock.now().getTime());
      await this.queues.get(QueueName.WaitTarget).add(name, data, opts);
    }
    return result === 'alerted' ? 'alerted' : 'skipped';
  }

  /** The warnings of tickets issued together, one after the other: each as its own warning would be. */
  async processWarnings(job: WaitWarningsJob): Promise<number> {
    let alerted = 0;
    for (const t of job.tickets) {
      const one: WaitTimerJob = { ticketId: t.ticketId, serviceId: job.serviceId, transferCount: t.transferCount, kind: 'warning', breachAt: t.breachAt };
      if ((await this.process(one)) === 'alerted') alerted++;
    }
    return alerted;
  }

  private async alert(job: WaitTimerJob): Promise<'alerted' | 'already alerted' | 'no longer waiting'> {
    const ticket = await this.dataSource.getRepository(Ticket).findOneBy({ id: job.ticketId });
    if (!ticket || ticket.status !== 'waiting') return 'no longer waiting';
    const actor = { kind: 'system', reason: 'wait-target' } as const;
    return runSiteChange(this.dataSource, this.sinks, ticket.siteId, actor, this.clock.now(), async (tx, change) => {
      const t = await tx.getRepository(Ticket).findOne({ where: { id: job.ticketId }, lock: { mode: 'pessimistic_write' } });
      if (!t || t.status !== 'waiting' || t.serviceId !== job.serviceId || t.transferCount !== job.transferCount) return 'no longer waiting';
      const inserted = await tx.query(
        `INSERT INTO wait_alert (ticket_id, service_id, kind, site_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING ticket_id`,
        [t.id, t.serviceId, job.kind, t.siteId],
      );
      if (!inserted.length) return 'already alerted';
      const service = await tx.getRepository(Service).findOneByOrFail({ id: t.serviceId });
      const waitedMinutes = Math.floor((change.now.getTime() - t.issuedAt.getTime()) / 60000);
      change.add({
        type: 'alert.wait-target',
        ticketId: t.id,
        counterId: null,
        payload: { ticketId: t.id, number: t.number, serviceId: t.serviceId, kind: job.kind, waitedMinutes, targetMinutes: service.targetWaitMinutes },
      });
      return 'alerted' as const;
    });
  }
}
