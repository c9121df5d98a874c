import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Calibration, NO_SCALE, ScoredWait, addDays, businessDate, calibrate } from '@skranke/domain';
import { ACCURACY_DAYS, CALIBRATION_ON, Clock, SCORED_WAITS } from '@skranke/core';
import { Site } from '@skranke/persistence';

export interface ServiceCalibration extends Calibration {
  siteId: string;
  serviceId: string;
}

/**
 * Nightly (02:45 Copenhagen, after every site's day): per service, the shown
 * p10–p90 of the last 14 business days before today against the real waits;
 * where fewer or more than 80 ± 5 % fell inside, each side's factor is refitted
 * (libs/domain range-calibration.ts). Each night's check is a row valid from
 * that business day: the live estimates read it at their next refresh, and later
 * checks score each ticket's range against the factors of its own day.
 * Idempotent: a second run the same night replaces that night's row with the same.
 */
@Injectable()
export class EstimateCalibrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async calibrateAll(): Promise<ServiceCalibration[]> {
    const out: ServiceCalibration[] = [];
    for (const site of await this.dataSource.getRepository(Site).find()) out.push(...(await this.calibrateSite(site)));
    return out;
  }

  async calibrateSite(site: Site): Promise<ServiceCalibration[]> {
    const now = this.clock.now();
    const today = businessDate(now, site.timezone);
    // Each scored ticket with the factors its range was shown with (those in force on its day).
    const rows: Row[] = await this.dataSource.query(
      `SELECT w.*, c.low_factor, c.high_factor FROM (${SCORED_WAITS}) w ${CALIBRATION_ON('w.service_id', 'w.business_date')}`,
      [site.id, addDays(today, -ACCURACY_DAYS), addDays(today, -1)],
    );
    const byService = new Map<string, ScoredWait[]>();
    for (const r of rows) {
      const list = byService.get(r.service_id) ?? byService.set(r.service_id, []).get(r.service_id)!;
      const point = r.estimate_seconds / 60;
      list.push({
        shown: { minutes: point, low: (r.estimate_low_seconds ?? r.estimate_seconds) / 60, high: (r.estimate_high_seconds ?? r.estimate_seconds) / 60 },
        waitMinutes: Number(r.wait) / 60,
        scale: r.low_factor === null ? undefined : { low: r.low_factor, high: r.high_factor! },
      });
    }
    // The factors in force today (before tonight's check), kept where the coverage is within the band.
    const current: { service_id: string; low_factor: number; high_factor: number }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (service_id) service_id, low_factor, high_factor FROM estimate_calibration
       WHERE site_id = $1 AND valid_from < $2 ORDER BY service_id, valid_from DESC`,
      [site.id, today],
    );
    const out: ServiceCalibration[] = [];
    for (const [serviceId, scored] of byService) {
      const c = current.find((x) => x.service_id === serviceId);
      const result = calibrate(scored, c ? { low: c.low_factor, high: c.high_factor } : NO_SCALE);
      await this.dataSource.query(
        `INSERT INTO estimate_calibration (service_id, valid_from, site_id, low_factor, high_factor, scored, coverage, mae_seconds, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (service_id, valid_from) DO UPDATE SET low_factor = excluded.low_factor, high_factor = excluded.high_factor, scored = excluded.scored,
           coverage = excluded.coverage, mae_seconds = excluded.mae_seconds, computed_at = excluded.computed_at`,
        [serviceId, today, site.id, result.scale.low, result.scale.high, result.scored, result.coverage,
          result.meanAbsoluteErrorMinutes === null ? null : result.meanAbsoluteErrorMinutes * 60, now],
      );
      out.push({ siteId: site.id, serviceId, ...result });
    }
    return out;
  }
}

type Row = {
  service_id: string;
  estimate_seconds: number;
  estimate_low_seconds: number | null;
  estimate_high_seconds: number | null;
  wait: string;
  low_factor: number | null;
  high_factor: number | null;
};
