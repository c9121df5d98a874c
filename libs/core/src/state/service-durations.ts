import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const FRESH_MS = 60_000;

/**
 * The last 50 handling times (minutes, oldest first) per service of a site,
 * measured from the call (the counter is busy from the call: the walk to the
 * counter is part of it), cached for a minute: estimates need recent figures,
 * not per-request ones.
 * The estimator itself makes them robust to outliers (a median-based fit).
 */
@Injectable()
export class ServiceDurations {
  private cache = new Map<string, { at: number; minutes: Map<string, number[]> }>();

  constructor(private readonly dataSource: DataSource) {}

  async forSite(siteId: string, db: DataSource | EntityManager = this.dataSource): Promise<Map<string, number[]>> {
    const hit = this.cache.get(siteId);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.minutes;
    const rows: { service_id: string; minutes: number[] }[] = await db.query(
      `SELECT service_id, array_agg(minutes ORDER BY ended_at) AS minutes FROM (
         SELECT service_id, ended_at, extract(epoch FROM ended_at - called_at) / 60 AS minutes,
                row_number() OVER (PARTITION BY service_id ORDER BY ended_at DESC) AS rn
         FROM ticket WHERE site_id = $1 AND status = 'finished' AND called_at IS NOT NULL AND ended_at > now() - interval '14 days'
       ) recent WHERE rn <= 50 GROUP BY service_id`,
      [siteId],
    );
    const minutes = new Map(rows.map((r) => [r.service_id, r.minutes.map(Number)]));
    this.cache.set(siteId, { at: Date.now(), minutes });
    return minutes;
  }
}
