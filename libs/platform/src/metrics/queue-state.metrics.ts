import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '@skranke/core';
import { METRICS, within } from './registry';

interface WaitingRow {
  site: string;
  service: string;
  waiting: number;
  oldest: number;
}

/**
 * The queue itself, read from PostgreSQL on each scrape (so every instance
 * reports the same figures): waiting tickets and the longest wait per site and
 * service (active services, and any service that still has someone waiting),
 * and the calls of the last minute per site.
 */
@Injectable()
export class QueueStateMetrics {
  /** Both waiting gauges come from one query; a scrape collects them at once and shares it. */
  private waitingRows: Promise<WaitingRow[] | undefined> | null = null;

  constructor(
    @Inject(METRICS) registry: Registry,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    const labelNames = ['site', 'service'] as const;
    const waiting: Gauge<'site' | 'service'> = new Gauge({
      name: 'skranke_queue_waiting_tickets',
      help: 'Tickets waiting, per site and service',
      labelNames,
      registers: [registry],
      collect: () => this.set(waiting, 'waiting'),
    });
    const oldest: Gauge<'site' | 'service'> = new Gauge({
      name: 'skranke_queue_oldest_wait_seconds',
      help: 'How long the longest-waiting ticket has waited since issue, per site and service (0: none waiting)',
      labelNames,
      registers: [registry],
      collect: () => this.set(oldest, 'oldest'),
    });
    const calls = new Gauge({
      name: 'skranke_queue_calls_last_minute',
      help: 'Tickets called (first call; recalls not counted) in the last 60 seconds, per site',
      labelNames: ['site'] as const,
      registers: [registry],
      collect: async () => {
        const rows = await within(this.calls());
        calls.reset();
        for (const r of rows ?? []) calls.set({ site: r.site }, r.calls);
      },
    });
  }

  private async set(gauge: Gauge<'site' | 'service'>, field: 'waiting' | 'oldest') {
    this.waitingRows ??= within(this.waiting()).finally(() => (this.waitingRows = null));
    const rows = await this.waitingRows;
    gauge.reset();
    for (const r of rows ?? []) gauge.set({ site: r.site, service: r.service }, r[field]);
  }

  /** Only waiting tickets are read (the partial index ticket_waiting_queue), with the services and sites. */
  private waiting(): Promise<WaitingRow[]> {
    return this.dataSource.query(
      `SELECT s.slug AS site, sv.code AS service, count(t.id)::int AS waiting,
              coalesce(extract(epoch FROM $1::timestamptz - min(t.issued_at)), 0)::float8 AS oldest
       FROM service sv JOIN site s ON s.id = sv.site_id
       LEFT JOIN ticket t ON t.service_id = sv.id AND t.status = 'waiting'
       GROUP BY s.slug, sv.code, sv.active
       HAVING sv.active OR count(t.id) > 0`,
      [this.clock.now()],
    );
  }

  /** Per site, only the tickets of the last business days (index ticket_site_day): a day's margin covers any time zone. */
  private calls(): Promise<{ site: string; calls: number }[]> {
    return this.dataSource.query(
      `SELECT s.slug AS site, count(t.id)::int AS calls
       FROM site s
       LEFT JOIN ticket t ON t.site_id = s.id AND t.business_date >= $1::timestamptz::date - 1 AND t.called_at > $1::timestamptz - interval '1 minute'
       GROUP BY s.slug`,
      [this.clock.now()],
    );
  }
}
