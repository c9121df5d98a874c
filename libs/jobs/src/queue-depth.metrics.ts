import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { METRICS, within } from '@skranke/platform';
import { QueueName } from './queue-names';
import { Queues } from './queues';

const STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** BullMQ queue depths, read from Redis on each scrape, and the job failures this process's workers saw. */
@Injectable()
export class QueueDepthMetrics {
  private readonly failures: Counter<'queue'>;

  constructor(@Inject(METRICS) registry: Registry, queues: Queues) {
    const depth = new Gauge({
      name: 'skranke_jobs',
      help: 'BullMQ jobs per queue and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      collect: async () => {
        const names = Object.values(QueueName);
        const counts = await Promise.all(names.map((queue) => within(queues.get(queue).getJobCounts(...STATES))));
        depth.reset();
        // A queue whose counts did not come (Redis down) has no series this scrape.
        names.forEach((queue, i) => STATES.forEach((state) => counts[i] && depth.set({ queue, state }, counts[i][state] ?? 0)));
      },
    });
    this.failures = new Counter({
      name: 'skranke_job_failures_total',
      help: 'Job attempts that failed in this process, per queue',
      labelNames: ['queue'] as const,
      registers: [registry],
    });
  }

  /** Starts the queue's failure count at 0, so that rate() sees its first failure. */
  watch(queue: string) {
    this.failures.inc({ queue }, 0);
  }

  failed(queue: string) {
    this.failures.inc({ queue });
  }
}
