import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, businessDate } from '@skranke/domain';
import { Site } from '@skranke/persistence';
import { Clock } from '../clock';

export interface ServiceAccuracy {
  serviceId: string;
  /** Tickets called in the period whose shown estimate can be scored. */
  scored: number;
  meanAbsoluteErrorMinutes: number | null;
  /** Share of real waits inside the range the citizen was shown. */
  withinRangeShare: number | null;
}

/** The accuracy of the last days per service, with the range factors the nightly calibration set. */
export interface RecentServiceAccuracy extends ServiceAccuracy {
  calibration: { lowFactor: number; highFactor: number; computedAt: string } | null;
}

/** Days the dashboard and the nightly calibration look back over. */
export const ACCURACY_DAYS = 14;

/**
 * The called tickets of a site's business days [$2, $3] whose shown estimate can be scored, with their real
 * wait, all in seconds (tickets from before the seconds columns had their minutes migrated). Transferred tickets
 * are left out (their wait spans two queues).
 */
export const SCORED_WAITS = /* sql */ `
  SELECT service_id, business_date, estimate_seconds, estimate_low_seconds, estimate_high_seconds, extract(epoch FROM called_at - issued_at) AS wait
  FROM ticket WHERE site_id = $1 AND business_date BETWEEN $2 AND $3 AND called_at IS NOT NULL
    AND estimate_seconds IS NOT NULL AND transfer_count = 0`;

/**
 * The range factors of a service in force on business day `date` (the latest nightly check up to it; its
 * `valid_from` finds the check's bands, range-calibration.loader.ts CALIBRATION_BANDS).
 */
export const CALIBRATION_ON = (service: string, date: string) => /* sql */ `
  LEFT JOIN LATERAL (SELECT low_factor, high_factor, computed_at, valid_from FROM estimate_calibration c
    WHERE c.service_id = ${service} AND c.valid_from <= ${date} ORDER BY c.valid_from DESC LIMIT 1) c ON true`;

/**
 * How good the estimates were: every ticket keeps the estimate it was shown at
 * issue (in seconds); once called, its real wait scores it.
 */
@Injectable()
export class EstimateAccuracyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async today(siteId: string): Promise<ServiceAccuracy[]> {
    const date = await this.businessToday(siteId);
    return (await this.scored(siteId, date, date)).map(({ calibration: _c, ...r }) => r);
  }

  /** The last `days` business days up to today, per service, with each service's calibration. */
  async recent(siteId: string, days = ACCURACY_DAYS): Promise<RecentServiceAccuracy[]> {
    const today = await this.businessToday(siteId);
    return this.scored(siteId, addDays(today, -(days - 1)), today);
  }

  private async businessToday(siteId: string): Promise<string> {
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    return businessDate(this.clock.now(), site.timezone);
  }

  private async scored(siteId: string, from: string, to: string): Promise<RecentServiceAccuracy[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT s.id AS service_id, count(w.wait)::int AS scored,
              avg(abs(w.wait - w.estimate_seconds)) / 60 AS mae,
              avg(CASE WHEN w.wait IS NULL THEN NULL WHEN w.wait BETWEEN w.estimate_low_seconds AND w.estimate_high_seconds THEN 1.0 ELSE 0.0 END) AS within,
              c.low_factor, c.high_factor, c.computed_at
       FROM service s LEFT JOIN (${SCORED_WAITS}) w ON w.service_id = s.id
       ${CALIBRATION_ON('s.id', '$3')}
       WHERE s.site_id = $1 AND s.active GROUP BY s.id, c.low_factor, c.high_factor, c.computed_at ORDER BY s.sort_order, s.code`,
      [siteId, from, to],
    );
    return rows.map((r) => ({
      serviceId: r.service_id,
      scored: r.scored,
      meanAbsoluteErrorMinutes: r.mae === null ? null : Math.round(Number(r.mae) * 10) / 10,
      withinRangeShare: r.within === null ? null : Math.round(Number(r.within) * 1000) / 1000,
      calibration: r.low_factor === null ? null : { lowFactor: r.low_factor, highFactor: r.high_factor!, computedAt: r.computed_at!.toISOString() },
    }));
  }
}

type Row = {
  service_id: string;
  scored: number;
  mae: number | null;
  within: number | null;
  low_factor: number | null;
  high_factor: number | null;
  computed_at: Date | null;
};
