import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock } from '@skranke/core';
import { SiteSettings, siteSettings } from '@skranke/persistence';
import { REDIS, ScheduleState, scheduleKey } from '@skranke/platform';
import { printDeadlineMs, printJob } from './print/print-ticket.processor';
import { JobName, QueueName } from './queue-names';
import { Queues } from './queues';
import { WaitTimerJob, waitTimer } from './wait-timer.sink';

/**
 * PostgreSQL is the source of truth; Redis only holds the schedule derived from
 * it (BullMQ's delayed jobs). A Redis restarted empty would lose every wait
 * timer, the day close and retention schedulers and pending prints until an
 * app restarted. In each worker process, at start, every
 * SCHEDULE_RECONCILE_SECONDS and whenever its Redis connection is ready again,
 * this checks the key a rebuild leaves in Redis: when it is gone, it rebuilds
 * the schedule from the database (one query per kind; the jobs' ids are
 * deterministic, so a job still there is not added twice, and the processors
 * reload the row), records it for the health check and says so in the log once.
 * Each check also settles pending prints: one whose job gave up (its last
 * attempt found the database down) becomes `failed`; one whose job is gone is
 * queued again, or failed once past its deadline.
 */
@Injectable()
export class ScheduleReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger('ScheduleReconciler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly queues: Queues,
    private readonly clock: Clock,
  ) {}

  /** Called by JobWorkers once the workers run. */
  async start(): Promise<void> {
    await this.upsertSchedulers();
    this.timer = setInterval(() => void this.check(), this.config.schedule.reconcileSeconds * 1000).unref();
    this.redis.on('ready', this.onReady);
    await this.check();
  }

  private readonly onReady = () => void this.check();

  /** One check at a time; a check asked for while one runs shares it. */
  check(): Promise<void> {
    this.running ??= this.reconcile().finally(() => (this.running = undefined));
    return this.running;
  }

  private async reconcile(): Promise<void> {
    const key = scheduleKey(this.config.redisPrefix);
    let claimed = false;
    try {
      // Whoever sets the key rebuilds; the expiry frees it should that worker die first.
      claimed = (await this.redis.set(key, JSON.stringify({ rebuilding: true }), 'EX', 120, 'NX')) === 'OK';
      let restored = 0;
      if (claimed) restored += (await this.upsertSchedulers()) + (await this.restoreWaitTimers());
      restored += await this.settlePrints();
      if (claimed) {
        const state: ScheduleState = { rebuiltAt: this.clock.now().toISOString(), jobsRestored: restored };
        await this.redis.set(key, JSON.stringify(state));
        this.logger.warn(`Redis held no job schedule: rebuilt it from the database (${restored} jobs)`);
      }
      if (this.failing) this.logger.log('schedule check works again');
      this.failing = false;
    } catch (err) {
      if (claimed) await this.redis.del(key).catch(() => undefined);
      if (!this.failing) this.logger.warn(`schedule check failed, retried every ${this.config.schedule.reconcileSeconds} s: ${(err as Error).message}`);
      this.failing = true;
    }
  }

  /** The repeating day close, retention, booking lifecycle and range calibration (upserting a scheduler is idempotent). */
  private async upsertSchedulers(): Promise<number> {
    const housekeeping = this.queues.get(QueueName.Housekeeping);
    await housekeeping.upsertJobScheduler(JobName.DayClose, { every: this.config.schedule.dayCloseCheckSeconds * 1000 }, { name: JobName.DayClose });
    await housekeeping.upsertJobScheduler(JobName.Retention, { every: 10 * 60_000 }, { name: JobName.Retention });
    await housekeeping.upsertJobScheduler(JobName.AppointmentNoShows, { every: 60_000 }, { name: JobName.AppointmentNoShows });
    await housekeeping.upsertJobScheduler(JobName.ScheduledReports, { every: 60_000 }, { name: JobName.ScheduledReports });
    // 02:30 in Copenhagen: after every site's day, before any opens.
    await housekeeping.upsertJobScheduler(JobName.AppointmentLengths, { pattern: '30 2 * * *', tz: 'Europe/Copenhagen' }, { name: JobName.AppointmentLengths });
    await housekeeping.upsertJobScheduler(JobName.EstimateCalibration, { pattern: '45 2 * * *', tz: 'Europe/Copenhagen' }, { name: JobName.EstimateCalibration });
    await housekeeping.upsertJobScheduler(JobName.SsoReconciliation, { pattern: '15 3 * * *', tz: 'Europe/Copenhagen' }, { name: JobName.SsoReconciliation });
    const notifications = this.queues.get(QueueName.Notifications);
    await notifications.upsertJobScheduler(
      JobName.NotificationDispatch,
      { every: this.config.notifications.dispatchEveryMs },
      { name: JobName.NotificationDispatch, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    const webhooks = this.queues.get(QueueName.Webhooks);
    await webhooks.upsertJobScheduler(
      JobName.WebhookDispatch,
      { every: this.config.webhooks.dispatchEveryMs },
      { name: JobName.WebhookDispatch, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    return 9;
  }

  /**
   * Every waiting ticket's next timer, as WaitTimerSink and the warning's
   * processor schedule it: its warning, or its breach once warned. It waits
   * since it was issued, or last transferred.
   */
  private async restoreWaitTimers(): Promise<number> {
    const rows: { ticketId: string; serviceId: string; transferCount: number; since: Date; targetMinutes: number; settings: Partial<SiteSettings>; alerted: string[] }[] =
      await this.dataSource.query(
        `SELECT t.id AS "ticketId", t.service_id AS "serviceId", t.transfer_count AS "transferCount", s.target_wait_minutes AS "targetMinutes", site.settings,
                CASE WHEN t.transfer_count = 0 THEN t.issued_at
                     ELSE (SELECT max(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'ticket.transferred') END AS since,
                array(SELECT a.kind FROM wait_alert a WHERE a.ticket_id = t.id AND a.service_id = t.service_id) AS alerted
         FROM ticket t JOIN service s ON s.id = t.service_id JOIN site ON site.id = t.site_id
         WHERE t.status = 'waiting'`,
      );
    const now = this.clock.now().getTime();
    const jobs = rows.flatMap((r) => {
      const since = (r.since ?? new Date(now)).getTime();
      const breachAt = since + r.targetMinutes * 60_000;
      const base = { ticketId: r.ticketId, serviceId: r.serviceId, transferCount: r.transferCount };
      if (!r.alerted.includes('warning')) {
        const warning: WaitTimerJob = { ...base, kind: 'warning', breachAt };
        return [waitTimer(warning, since + r.targetMinutes * 60_000 * siteSettings(r.settings).waitWarningShare, now)];
      }
      return r.alerted.includes('breach') ? [] : [waitTimer({ ...base, kind: 'breach' }, breachAt, now)];
    });
    const queue = this.queues.get(QueueName.WaitTarget);
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    return jobs.length;
  }

  /** Pending prints whose job gave up become failed; those whose job is gone are queued again while there is time. */
  private async settlePrints(): Promise<number> {
    const pending: { ticketId: string; deviceId: string | null; issuedAt: Date }[] = await this.dataSource.query(
      `SELECT id AS "ticketId", issued_by_device_id AS "deviceId", issued_at AS "issuedAt" FROM ticket WHERE print_status = 'pending'`,
    );
    const queue = this.queues.get(QueueName.Print);
    const deadline = this.clock.now().getTime() - printDeadlineMs(this.config.printRetryBaseMs);
    let queued = 0;
    for (const p of pending) {
      const job = printJob(p.ticketId, p.deviceId ?? '');
      const state = await queue.getJobState(job.opts.jobId);
      const gone = state === 'unknown';
      if (state === 'failed' || (gone && (p.issuedAt.getTime() < deadline || !p.deviceId))) {
        await this.dataSource.query(`UPDATE ticket SET print_status = 'failed' WHERE id = $1 AND print_status = 'pending'`, [p.ticketId]);
      } else if (gone) {
        await queue.add(JobName.PrintTicket, job.data, job.opts);
        queued++;
      }
    }
    return queued;
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
  }
}
