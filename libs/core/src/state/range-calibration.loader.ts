import { EntityManager } from 'typeorm';
import { ServiceScales } from '@skranke/domain';
import { preparedQuery } from '@skranke/persistence';

/** A check's band factors (service, valid_from) as JSON `[[point_from_seconds, low, high], …]`, `bands` null when none. */
export const CALIBRATION_BANDS = (service: string, validFrom: string) => /* sql */ `
  LEFT JOIN LATERAL (SELECT json_agg(json_build_array(cb.point_from_seconds, cb.low_factor, cb.high_factor)) AS bands
    FROM estimate_calibration_band cb WHERE cb.service_id = ${service} AND cb.valid_from = ${validFrom}) cb ON true`;

/** Each service of site $1 with the factors in force on business day `date`: the latest check up to it, with its bands. */
export const CALIBRATION_IN_FORCE = (date: string) => /* sql */ `
  SELECT c.service_id, c.low_factor, c.high_factor, cb.bands FROM (
    SELECT DISTINCT ON (service_id) service_id, valid_from, low_factor, high_factor FROM estimate_calibration
    WHERE site_id = $1 AND valid_from <= ${date} ORDER BY service_id, valid_from DESC) c
  ${CALIBRATION_BANDS('c.service_id', 'c.valid_from')}`;

export type CalibrationBandsJson = [pointFromSeconds: number, low: number, high: number][] | null;

export interface InForceRow {
  service_id: string;
  low_factor: number;
  high_factor: number;
  bands: CalibrationBandsJson;
}

/** A check's factors as the domain reads them (calibration-bands.ts `scaleFor`). */
export function serviceScales(low: number, high: number, bands: CalibrationBandsJson): ServiceScales {
  return { scale: { low, high }, bands: new Map((bands ?? []).map(([from, l, h]) => [from, { low: l, high: h }])) };
}

/** Each service's range factors in force at `now`, on the site's business day (issue 23; none: the estimator's own range). */
export async function loadRangeCalibration(db: EntityManager, siteId: string, now: Date): Promise<Map<string, ServiceScales>> {
  const today = `($2::timestamptz AT TIME ZONE (SELECT timezone FROM site WHERE id = $1))::date`;
  const rows = await preparedQuery<InForceRow>(db, CALIBRATION_IN_FORCE(today), [siteId, now]);
  return new Map(rows.map((r) => [r.service_id, serviceScales(r.low_factor, r.high_factor, r.bands)]));
}
