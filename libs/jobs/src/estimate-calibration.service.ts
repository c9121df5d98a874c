import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BandedCalibration, Calibration, ScoredWait, addDays, businessDate, calibrateService, scaleFor } from '@skranke/domain';
import { ACCURACY_DAYS, CALIBRATION_BANDS, CALIBRATION_IN_FORCE, CALIBRATION_ON, CalibrationBandsJson, Clock, InForceRow, SCORED_WAITS, serviceScales } from '@skranke/core';
import { Site } from '@skranke/persistence';

export interface ServiceCalibration extends BandedCalibration {
  siteId: string;
  serviceId: string;
}

/**
 * Nightly (02:45 Copenhagen, after every site's day): per service, the shown
 * p10–p90 of the last 14 business days before today against the real waits;
 * where fewer or more than 80 ± 5 % fell inside, each side's factor is refitted,
 * for the service as a whole and for each band of the told point with enough
 * tickets (libs/domain calibration-bands.ts). Each night's check is a row valid
 * from that business day, with a row per such band: the live estimates read them
 * at their next refresh, and later checks score each ticket's range against the
 * factors it was shown with on its day. Idempotent: a second run the same night
 * replaces that night's rows with the same.
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
    // Each scored ticket with the factors of its day's check (the service's and its bands').
    const rows: Row[] = await this.dataSource.query(
      `SELECT w.*, c.low_factor, c.high_factor, cb.bands FROM (${SCORED_WAITS}) w
       ${CALIBRATION_ON('w.service_id', 'w.business_date')} ${CALIBRATION_BANDS('w.service_id', 'c.valid_from')}`,
      [site.id, addDays(today, -ACCURACY_DAYS), addDays(today, -1)],
    );
    const byService = new Map<string, ScoredWait[]>();
    for (const r of rows) {
      const list = byService.get(r.service_id) ?? byService.set(r.service_id, []).get(r.service_id)!;
      const point = r.estimate_seconds / 60;
      const shownWith = r.low_factor === null ? undefined : serviceScales(r.low_factor, r.high_factor!, r.bands);
      list.push({
        shown: { minutes: point, low: (r.estimate_low_seconds ?? r.estimate_seconds) / 60, high: (r.estimate_high_seconds ?? r.estimate_seconds) / 60 },
        waitMinutes: Number(r.wait) / 60,
        scale: scaleFor(shownWith, point),
      });
    }
    // The factors in force today (before tonight's check), kept where the coverage is within the band.
    const current: InForceRow[] = await this.dataSource.query(CALIBRATION_IN_FORCE('$2'), [site.id, addDays(today, -1)]);
    const out: ServiceCalibration[] = [];
    for (const [serviceId, scored] of byService) {
      const c = current.find((x) => x.service_id === serviceId);
      const result = calibrateService(scored, c ? serviceScales(c.low_factor, c.high_factor, c.bands) : undefined);
      await this.dataSource.transaction((db) => store(db, { siteId: site.id, serviceId, validFrom: today, computedAt: now }, result));
      out.push({ siteId: site.id, serviceId, ...result });
    }
    return out;
  }
}

/** Tonight's check of one service: its row, and its bands' rows in place of any from an earlier run tonight. */
async function store(db: EntityManager, at: { siteId: string; serviceId: string; validFrom: string; computedAt: Date }, result: BandedCalibration): Promise<void> {
  const maeSeconds = (c: Calibration) => (c.meanAbsoluteErrorMinutes === null ? null : c.meanAbsoluteErrorMinutes * 60);
  await db.query(
    `INSERT INTO estimate_calibration (service_id, valid_from, site_id, low_factor, high_factor, scored, coverage, mae_seconds, computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (service_id, valid_from) DO UPDATE SET low_factor = excluded.low_factor, high_factor = excluded.high_factor, scored = excluded.scored,
       coverage = excluded.coverage, mae_seconds = excluded.mae_seconds, computed_at = excluded.computed_at`,
    [at.serviceId, at.validFrom, at.siteId, result.scale.low, result.scale.high, result.scored, result.coverage, maeSeconds(result), at.computedAt],
  );
  await db.query(`DELETE FROM estimate_calibration_band WHERE service_id = $1 AND valid_from = $2`, [at.serviceId, at.validFrom]);
  for (const [from, band] of result.bands) {
    await db.query(
      `INSERT INTO estimate_calibration_band (service_id, valid_from, point_from_seconds, low_factor, high_factor, scored, coverage, mae_seconds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [at.serviceId, at.validFrom, from, band.scale.low, band.scale.high, band.scored, band.coverage, maeSeconds(band)],
    );
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
  bands: CalibrationBandsJson;
};
