import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CounterPlan, LeaveCounts, NoShowCounts, PATIENCE_EDGES, emptyLeaveCounts, emptyNoShowCounts } from '@skranke/domain';
import { preparedQuery } from '@skranke/persistence';

const DAYS = 14;

export interface SiteMeasures {
  /** Per service: calls and no-shows by minutes waited at the call. */
  calls: Map<string, NoShowCounts>;
  /** Per service: minutes waited and cancels before the call, by stretch of minutes waited. */
  leaves: Map<string, LeaveCounts>;
  /**
   * Per service: walk-in tickets issued in the hour before now (today's measures only). Not at now: a ticket
   * drawn this instant is in the room, and the estimate shown when it was drawn must be the one it then reads.
   */
  lastHourWalkIns: Map<string, number>;
}

type Row = { service_id: string; b: number; waited: number; left: number; calls: number; no_shows: number };

/** Every ticket's wait up to its call, its end or now, per service and stretch of minutes waited (patience.ts). */
const measureSql = (where: string) => `
  WITH w AS (
    SELECT service_id, extract(epoch FROM coalesce(called_at, ended_at, $3::timestamptz) - issued_at) / 60 AS waited,
           called_at IS NULL AND status = 'cancelled' AS left_queue, called_at IS NOT NULL AS called, status = 'no-show' AS no_show
    FROM ticket WHERE site_id = $1 AND ${where}
  )
  SELECT w.service_id, (b.i - 1)::int AS b,
         sum(greatest(0, least(w.waited, b.hi) - b.lo))::float8 AS waited,
         count(*) FILTER (WHERE w.left_queue AND w.waited > b.lo AND w.waited <= b.hi)::int AS left,
         count(*) FILTER (WHERE w.called AND w.waited >= b.lo AND w.waited < b.hi)::int AS calls,
         count(*) FILTER (WHERE w.called AND w.no_show AND w.waited >= b.lo AND w.waited < b.hi)::int AS no_shows
  FROM w CROSS JOIN unnest($4::float8[], $5::float8[]) WITH ORDINALITY AS b(lo, hi, i)
  GROUP BY 1, 2`;
const PAST_SQL = measureSql(`issued_at >= $2::timestamptz - make_interval(days => ${DAYS}) AND issued_at < $2::timestamptz`);
const TODAY_SQL = measureSql(`business_date = $2::date`);
const LAST_HOUR_SQL = `SELECT service_id, count(*)::int AS n FROM ticket
  WHERE site_id = $1 AND business_date = $2::date AND issued_at > $3::timestamptz - interval '1 hour' AND issued_at < $3::timestamptz AND channel <> 'appointment'
  GROUP BY 1`;

const lows = () => [...PATIENCE_EDGES];
const highs = () => PATIENCE_EDGES.map((_, b) => PATIENCE_EDGES[b + 1] ?? 1e9);

function fromRows(rows: Row[], lastHour: { service_id: string; n: number }[] = []): SiteMeasures {
  const measures: SiteMeasures = { calls: new Map(), leaves: new Map(), lastHourWalkIns: new Map(lastHour.map((r) => [r.service_id, r.n])) };
  for (const r of rows) {
    const calls = measures.calls.get(r.service_id) ?? measures.calls.set(r.service_id, emptyNoShowCounts()).get(r.service_id)!;
    const leaves = measures.leaves.get(r.service_id) ?? measures.leaves.set(r.service_id, emptyLeaveCounts()).get(r.service_id)!;
    calls.calls[r.b] = r.calls;
    calls.noShows[r.b] = r.no_shows;
    leaves.left[r.b] = r.left;
    leaves.waited[r.b] = r.waited;
  }
  return measures;
}

/**
 * Besides the room, what the loader reads of today in one statement: the counter plan, the bookings not
 * checked in (a quarter of an hour past to a day ahead), and today's measures (every instance computing at
 * one moment reads the same).
 */
const TODAY_SQL_ALL = `SELECT
  (SELECT plan FROM counter_plan WHERE site_id = $1) AS plan,
  (SELECT coalesce(json_agg(json_build_object('serviceId', service_id, 'appointmentAt', starts_at)), '[]'::json) FROM appointment
     WHERE site_id = $1 AND status = 'booked' AND starts_at > $3::timestamptz - interval '15 minutes' AND starts_at < $3::timestamptz + interval '1 day') AS bookings,
  (SELECT coalesce(json_agg(m), '[]'::json) FROM (${TODAY_SQL}) m) AS measures,
  (SELECT coalesce(json_agg(h), '[]'::json) FROM (${LAST_HOUR_SQL}) h) AS last_hour`;

export interface TodayRows {
  plan: CounterPlan | null;
  bookings: { serviceId: string; appointmentAt: Date }[];
  measures: SiteMeasures;
}

export async function todayRows(db: EntityManager, siteId: string, date: string, now: Date): Promise<TodayRows> {
  const [r] = await preparedQuery<{ plan: CounterPlan | null; bookings: { serviceId: string; appointmentAt: string }[]; measures: Row[]; last_hour: { service_id: string; n: number }[] }>(
    db,
    TODAY_SQL_ALL,
    [siteId, date, now, lows(), highs()],
  );
  return {
    plan: r.plan,
    bookings: r.bookings.map((b) => ({ serviceId: b.serviceId, appointmentAt: new Date(b.appointmentAt) })),
    measures: fromRows(r.measures, r.last_hour),
  };
}

/** The sum of two measures (past days and today). */
export function addMeasures(a: SiteMeasures, b: SiteMeasures): SiteMeasures {
  const sum: SiteMeasures = { calls: new Map(), leaves: new Map(), lastHourWalkIns: new Map([...a.lastHourWalkIns, ...b.lastHourWalkIns]) };
  for (const id of new Set([...a.calls.keys(), ...b.calls.keys(), ...a.leaves.keys(), ...b.leaves.keys()])) {
    const [ca, cb] = [a.calls.get(id) ?? emptyNoShowCounts(), b.calls.get(id) ?? emptyNoShowCounts()];
    const [la, lb] = [a.leaves.get(id) ?? emptyLeaveCounts(), b.leaves.get(id) ?? emptyLeaveCounts()];
    sum.calls.set(id, { calls: ca.calls.map((x, i) => x + cb.calls[i]), noShows: ca.noShows.map((x, i) => x + cb.noShows[i]) });
    sum.leaves.set(id, { left: la.left.map((x, i) => x + lb.left[i]), waited: la.waited.map((x, i) => x + lb.waited[i]) });
  }
  return sum;
}

/**
 * What the wait estimator measures of a site's citizens over the 14 whole days
 * before today, per service (libs/domain patience.ts): how often nobody answers
 * a call, the longer they waited the likelier, and how many give up and
 * cancel, per stretch of minutes waited. Whole days, read once per site and
 * day: the same all day on every instance, so pages served by different apps
 * at one moment agree (today's part is read with the room, `todayMeasures`).
 */
@Injectable()
export class ServiceMeasures {
  private readonly cache = new Map<string, { date: string; measures: Promise<SiteMeasures> }>();

  constructor(private readonly dataSource: DataSource) {}

  /** `dayStart`: the start of `date` at the site; `db` the caller's transaction, if any. */
  pastDays(siteId: string, date: string, dayStart: Date, db: DataSource | EntityManager = this.dataSource): Promise<SiteMeasures> {
    const hit = this.cache.get(siteId);
    if (hit && hit.date === date) return hit.measures;
    const measures = db.query(PAST_SQL, [siteId, dayStart, dayStart, lows(), highs()]).then((rows: Row[]) => fromRows(rows));
    measures.catch(() => this.cache.delete(siteId));
    this.cache.set(siteId, { date, measures });
    return measures;
  }
}
