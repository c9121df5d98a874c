import type { DataSource } from 'typeorm';
import { percent, secondsToMinutes, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface SeatsRow {
  period: string | null;
  site: string | null;
  is_total: boolean;
  served: number;
  busy_seconds: number;
  open_seconds: number;
}

/**
 * (12) Assisted self-service seat use per period × site. Busy: call → finish of the tickets finished at a counter of
 * kind `assisted-self-service` (as handling time). Open seat time: from the log's `counter.changed` events, each
 * stretch from an `open` to the counter's next change (or now), times the counter's seats (as it has them now), cut
 * at the site's local midnights so every minute falls in its own business date (DST days included). Paused and
 * closed time is not open. Use: busy ÷ open seat time.
 */
export const selfServiceSeatsReport: ReportDefinition = {
  id: 'self-service-seats',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'seatTickets', kind: 'count' },
    { key: 'seatBusyMinutes', kind: 'minutes' },
    { key: 'seatOpenMinutes', kind: 'minutes' },
    { key: 'seatUsePercent', kind: 'percent' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: SeatsRow[] = await ds.query(
      `WITH ss AS (
         SELECT c.id, c.site_id, c.seats, si.timezone FROM counter c JOIN site si ON si.id = c.site_id
          WHERE c.site_id = ANY($1) AND c.kind = 'assisted-self-service'),
       ev AS (
         SELECT e.counter_id, e.at, e.payload->>'state' AS state,
                lead(e.at) OVER (PARTITION BY e.site_id, e.counter_id ORDER BY e.seq) AS until
           FROM ticket_event e JOIN ss ON ss.id = e.counter_id
          WHERE e.site_id = ANY($1) AND e.type = 'counter.changed' AND e.at < ($3::date + 2)::timestamptz),
       cut AS (
         SELECT ss.site_id, d::date AS business_date, ss.seats,
                greatest(o.start, d::timestamp AT TIME ZONE ss.timezone) AS s,
                least(o.stop, (d + interval '1 day')::timestamp AT TIME ZONE ss.timezone) AS e
           FROM (SELECT counter_id, at AS start, coalesce(until, $4::timestamptz) AS stop FROM ev WHERE state = 'open') o
           JOIN ss ON ss.id = o.counter_id
           CROSS JOIN LATERAL generate_series((o.start AT TIME ZONE ss.timezone)::date, (o.stop AT TIME ZONE ss.timezone)::date,
                                              interval '1 day') d),
       opened AS (
         SELECT site_id, business_date, sum(greatest(0, extract(epoch FROM e - s)) * seats)::float8 AS open_seconds
           FROM cut WHERE business_date BETWEEN $2 AND $3 GROUP BY 1, 2),
       busy AS (
         SELECT s.site_id, s.business_date, count(*)::int AS served, coalesce(sum(s.handling_seconds), 0)::float8 AS busy_seconds
           FROM stat_ticket s JOIN ss ON ss.id = s.counter_id
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3 AND s.result = 'served'
          GROUP BY 1, 2),
       d AS (
         SELECT ${periodSql('coalesce(b.business_date, o.business_date)', filter.interval)} AS period,
                coalesce(b.site_id, o.site_id) AS site_id, coalesce(b.served, 0) AS served,
                coalesce(b.busy_seconds, 0) AS busy_seconds, coalesce(o.open_seconds, 0) AS open_seconds
           FROM busy b FULL JOIN opened o ON o.site_id = b.site_id AND o.business_date = b.business_date),
       g AS (
         SELECT period, site_id, GROUPING(period) = 1 AS is_total, coalesce(sum(served), 0)::int AS served,
                coalesce(sum(busy_seconds), 0)::float8 AS busy_seconds, coalesce(sum(open_seconds), 0)::float8 AS open_seconds,
                count(*)::int AS n
           FROM d GROUP BY GROUPING SETS ((period, site_id), ()))
       SELECT g.*, si.name AS site
         FROM g LEFT JOIN site si ON si.id = g.site_id
        WHERE g.n > 0
        ORDER BY g.is_total, g.period, si.name, si.id`,
      [ctx.siteIds, filter.from, filter.to, ctx.now],
    );
    return tableWithTotals(rows, toRow);
  },
};

function toRow(r: SeatsRow): ReportRow {
  return {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    seatTickets: r.served,
    seatBusyMinutes: secondsToMinutes(r.busy_seconds),
    seatOpenMinutes: secondsToMinutes(r.open_seconds),
    seatUsePercent: percent(r.busy_seconds, r.open_seconds),
  };
}
