import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LeaveCounts, NoShowCounts, PATIENCE_EDGES, emptyLeaveCounts, emptyNoShowCounts } from '@skranke/domain';

const FRESH_MS = 60_000;
const DAYS = 14;

export interface SiteMeasures {
  /** Per service: calls and no-shows by minutes waited at the call. */
  calls: Map<string, NoShowCounts>;
  /** Per service: minutes waited and cancels before the call, by stretch of minutes waited. */
  leaves: Map<string, LeaveCounts>;
  /** Per service: walk-in tickets issued in the last hour. */
  lastHourWalkIns: Map<string, number>;
}

/**
 * What the wait estimator measures of a site's citizens over the last 14 days,
 * per service (libs/domain patience.ts): how often nobody answers a call, the
 * longer they waited the likelier, and how many give up and cancel, per
 * stretch of minutes waited (every ticket's wait counts up to its call, its end
 * or now). With the walk-ins of the last hour for the arrival forecast. Cached
 * for a minute, like the handling times.
 */
@Injectable()
export class ServiceMeasures {
  private cache = new Map<string, { at: number; measures: SiteMeasures }>();

  constructor(private readonly dataSource: DataSource) {}

  async forSite(siteId: string, now: Date, db: DataSource | EntityManager = this.dataSource): Promise<SiteMeasures> {
    const hit = this.cache.get(siteId);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.measures;
    const lows = PATIENCE_EDGES;
    const highs = PATIENCE_EDGES.map((_, b) => PATIENCE_EDGES[b + 1] ?? 1e9);
    const rows: { service_id: string; b: number; waited: number; left: number; calls: number; no_shows: number }[] = await db.query(
      `WITH w AS (
         SELECT service_id, extract(epoch FROM coalesce(called_at, ended_at, $2::timestamptz) - issued_at) / 60 AS waited,
                called_at IS NULL AND status = 'cancelled' AS left_queue, called_at IS NOT NULL AS called, status = 'no-show' AS no_show
         FROM ticket WHERE site_id = $1 AND issued_at > $2::timestamptz - make_interval(days => ${DAYS}) AND issued_at <= $2::timestamptz
       )
       SELECT w.service_id, (b.i - 1)::int AS b,
              sum(greatest(0, least(w.waited, b.hi) - b.lo))::float8 AS waited,
              count(*) FILTER (WHERE w.left_queue AND w.waited > b.lo AND w.waited <= b.hi)::int AS left,
              count(*) FILTER (WHERE w.called AND w.waited >= b.lo AND w.waited < b.hi)::int AS calls,
              count(*) FILTER (WHERE w.called AND w.no_show AND w.waited >= b.lo AND w.waited < b.hi)::int AS no_shows
       FROM w CROSS JOIN unnest($3::float8[], $4::float8[]) WITH ORDINALITY AS b(lo, hi, i)
       GROUP BY 1, 2`,
      [siteId, now, lows, highs],
    );
    const recent: { service_id: string; n: number }[] = await db.query(
      `SELECT service_id, count(*)::int AS n FROM ticket
       WHERE site_id = $1 AND issued_at > $2::timestamptz - interval '1 hour' AND issued_at <= $2::timestamptz AND channel <> 'appointment'
       GROUP BY 1`,
      [siteId, now],
    );
    const measures: SiteMeasures = { calls: new Map(), leaves: new Map(), lastHourWalkIns: new Map(recent.map((r) => [r.service_id, r.n])) };
    for (const r of rows) {
      const calls = measures.calls.get(r.service_id) ?? measures.calls.set(r.service_id, emptyNoShowCounts()).get(r.service_id)!;
      const leaves = measures.leaves.get(r.service_id) ?? measures.leaves.set(r.service_id, emptyLeaveCounts()).get(r.service_id)!;
      calls.calls[r.b] = r.calls;
      calls.noShows[r.b] = r.no_shows;
      leaves.left[r.b] = r.left;
      leaves.waited[r.b] = r.waited;
    }
    this.cache.set(siteId, { at: Date.now(), measures });
    return measures;
  }
}
