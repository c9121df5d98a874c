import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { REDIS } from '@skranke/platform';
import { DayCloseService } from './day-close.service';
import { PrintTicketProcessor } from './print/print-ticket.processor';
import { JobName, QueueName } from './queue-names';
import { Queues } from './queues';
import { RetentionService } from './retention.service';
import { WaitTargetProcessor } from './wait-target.processor';

/**
 * Runs the workers in processes started with RUN_WORKERS=true (the triage app
 * by default). Any number may run: BullMQ hands each job to one worker, and
 * each processor is idempotent. Shutdown waits for jobs in flight.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private workers: Worker[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly queues: Queues,
    private readonly waitTarget: WaitTargetProcessor,
    private readonly dayClose: DayCloseService,
    private readonly retention: RetentionService,
    private readonly print: PrintTicketProcessor,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.runWorkers) return;
    const options = { connection: this.redis.duplicate(), prefix: this.config.redisPrefix + ':bull', concurrency: 4 };
    this.workers = [
      new Worker(
        QueueName.WaitTarget,
        (job) => (job.name === JobName.WaitWarnings ? this.waitTarget.processWarnings(job.data) : this.waitTarget.process(job.data)),
        options,
      ),
      new Worker(QueueName.Print, (job) => this.print.process(job), { ...options, connection: this.redis.duplicate() }),
      new Worker(
        QueueName.Housekeeping,
        (job) => (job.name === JobName.DayClose ? this.dayClose.closeDueDays() : this.retention.eraseDue()),
        { ...options, connection: this.redis.duplicate(), concurrency: 1 },
      ),
    ];
    for (const w of this.workers) w.on('failed', (job, err) => this.logger.error(`${w.name} ${job?.id}: ${err.message}`));
    const housekeeping = this.queues.get(QueueName.Housekeeping);
    await housekeeping.upsertJobScheduler(JobName.DayClose, { every: 60_000 }, { name: JobName.DayClose });
    await housekeeping.upsertJobScheduler(JobName.Retention, { every: 10 * 60_000 }, { name: JobName.Retention });
  }

  async onApplicationShutdown() {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
