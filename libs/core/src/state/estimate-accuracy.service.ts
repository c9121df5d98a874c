import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { businessDate } from '@skranke/domain';
import { Site } from '@skranke/persistence';
import { Clock } from '../clock';

export interface ServiceAccuracy {
  serviceId: string;
  /** Tickets called today whose shown estimate can be scored. */
  scored: number;
  meanAbsoluteErrorMinutes: number | null;
  /** Share of real waits inside the range the citizen was shown. */
  withinRangeShare: number | null;
}

/**
 * How good today's estimates were: every ticket keeps the estimate it was shown
 * at issue; once called, its real wait scores it. Transferred tickets are left
 * out (their wait spans two queues).
 */
@Injectable()
export class EstimateAccuracyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async today(siteId: string): Promise<ServiceAccuracy[]> {
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const rows: { service_id: string; scored: number; mae: number | null; within: number | null }[] = await this.dataSource.query(
      `SELECT s.id AS service_id, count(w.wait)::int AS scored,
              avg(abs(w.wait - w.estimate_minutes)) AS mae,
              avg(CASE WHEN w.wait IS NULL THEN NULL WHEN w.wait BETWEEN w.estimate_low AND w.estimate_high THEN 1.0 ELSE 0.0 END) AS within
       FROM service s LEFT JOIN (
         SELECT service_id, estimate_minutes, estimate_low, estimate_high, extract(epoch FROM called_at - issued_at) / 60 AS wait
         FROM ticket WHERE site_id = $1 AND business_date = $2 AND called_at IS NOT NULL
           AND estimate_minutes IS NOT NULL AND transfer_count = 0
       ) w ON w.service_id = s.id
       WHERE s.site_id = $1 AND s.active GROUP BY s.id ORDER BY s.sort_order, s.code`,
      [siteId, businessDate(this.clock.now(), site.timezone)],
    );
    return rows.map((r) => ({
      serviceId: r.service_id,
      scored: r.scored,
      meanAbsoluteErrorMinutes: r.mae === null ? null : Math.round(Number(r.mae) * 10) / 10,
      withinRangeShare: r.within === null ? null : Math.round(Number(r.within) * 1000) / 1000,
    }));
  }
}
