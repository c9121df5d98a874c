import { EntityManager } from 'typeorm';
import { RangeScale } from '@skranke/domain';
import { preparedQuery } from '@skranke/persistence';

/** Each service's range factors in force at `now`, on the site's business day (issue 23; none: the estimator's own range). */
export async function loadRangeCalibration(db: EntityManager, siteId: string, now: Date): Promise<Map<string, RangeScale>> {
  const rows = await preparedQuery<{ serviceId: string; low: number; high: number }>(
    db,
    `SELECT DISTINCT ON (service_id) service_id AS "serviceId", low_factor AS low, high_factor AS high
     FROM estimate_calibration WHERE site_id = $1
       AND valid_from <= ($2::timestamptz AT TIME ZONE (SELECT timezone FROM site WHERE id = $1))::date
     ORDER BY service_id, valid_from DESC`,
    [siteId, now],
  );
  return new Map(rows.map((r) => [r.serviceId, { low: r.low, high: r.high }]));
}
