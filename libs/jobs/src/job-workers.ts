import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Processor, Worker, WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { SsoReconciliation } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { REDIS, watchRedis } from '@skranke/platform';
import { AppointmentLifecycleService } from './appointment-lifecycle.service';
import { DayCloseService } from './day-close.service';
import { EstimateCalibrationService } from './estimate-calibration.service';
import { PrintTicketProcessor, printBackoff } from './print/print-ticket.processor';
import { QueueDepthMetrics } from './queue-depth.metrics';
import { NotificationDispatcher } from './notifications/dispatcher';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { JobName, QueueName } from './queue-names';
import { RetentionService } from './retention.service';
import { ScheduleReconciler } from './schedule-reconciler';
import { ScheduledReports } from './reports/scheduled-reports.service';
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
  /** BullMQ does not close a connection it was given: these are quit after their workers close. */
  private connections: Redis[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly waitTarget: WaitTargetProcessor,
    private readonly dayClose: DayCloseService,
    private readonly retention: RetentionService,
    private readonly lifecycle: AppointmentLifecycleService,
    private readonly print: PrintTicketProcessor,
    private readonly reconciler: ScheduleReconciler,
    private readonly metrics: QueueDepthMetrics,
    private readonly notifications: NotificationDispatcher,
    private readonly webhooks: WebhookDispatcher,
    private readonly calibration: EstimateCalibrationService,
    private readonly ssoReconciliation: SsoReconciliation,
    private readonly scheduledReports: ScheduledReports,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.runWorkers) return;
    this.workers = [
      this.worker(QueueName.WaitTarget, (job) => (job.name === JobName.WaitWarnings ? this.waitTarget.processWarnings(job.data) : this.waitTarget.process(job.data))),
      this.worker(QueueName.Print, (job) => (job.name === JobName.PrintBooking ? this.print.processBooking(job) : this.print.process(job)), { settings: { backoffStrategy: printBackoff(this.config.printRetryBaseMs) } }),
      this.worker(QueueName.Housekeeping, (job) => this.housekeeping(job.name), { concurrency: 1 }),
      // One pass at a time per process; other processes' passes claim other rows (SKIP LOCKED).
      this.worker(QueueName.Notifications, () => this.notifications.dispatchDue(), { concurrency: 1 }),
      this.worker(QueueName.Webhooks, () => this.webhooks.pass(), { concurrency: 1 }),
    ];
    for (const w of this.workers) {
      this.metrics.watch(w.name);
      w.on('failed', (job, err) => {
        this.metrics.failed(w.name);
        this.logger.error(`${w.name} ${job?.id}: ${err.message}`);
      });
    }
    await this.reconciler.start();
  }

  private housekeeping(name: string): Promise<unknown> {
    switch (name) {
      case JobName.DayClose:
        return this.dayClose.closeDueDays();
      case JobName.AppointmentNoShows:
        return this.lifecycle.markNoShows();
      case JobName.AppointmentLengths:
        return this.lifecycle.measureLengths();
      case JobName.ScheduledReports:
        return this.scheduledReports.sendDue();
      case JobName.EstimateCalibration:
        return this.calibration.calibrateAll();
      case JobName.SsoReconciliation:
        return this.ssoReconciliation.reconcile();
      default:
        return this.retention.eraseDue();
    }
  }

  /** A worker on a connection of its own, whose errors (and its blocking connection's) are logged once per outage. */
  private worker(queue: QueueName, processor: Processor, options: Partial<WorkerOptions> = {}): Worker {
    const connection = this.redis.duplicate({ maxRetriesPerRequest: null }); // as BullMQ requires of a worker
    const worker = new Worker(queue, processor, { connection, prefix: this.config.redisPrefix + ':bull', concurrency: 4, ...options });
    watchRedis(connection, `${this.redis.options.connectionName}/worker:${queue}`, worker);
    this.connections.push(connection);
    return worker;
  }

  async onApplicationShutdown() {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }
}
