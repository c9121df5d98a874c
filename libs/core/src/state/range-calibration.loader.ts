import { EntityManager } from 'typeorm';
import { RangeScale } from '@skranke/domain';
import { preparedQuery } from '@skranke/persistence';

/** Each service's range factors as the nightly calibration left them (issue 23; none: the estimator's own range). */
export async function loadRangeCalibration(db: EntityManager, siteId: string): Promise<Map<string, RangeScale>> {
  const rows = await preparedQuery<{ serviceId: string; low: number; high: number }>(
    db,
    `SELECT service_id AS "serviceId", low_factor AS low, high_factor AS high FROM estimate_calibration WHERE site_id = $1`,
    [siteId],
  );
  return new Map(rows.map((r) => [r.serviceId, { low: r.low, high: r.high }]));
}
