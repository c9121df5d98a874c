import type { DataSource } from 'typeorm';
import { percent, secondsToMinutes, type ReportRow } from '@skranke/domain';
import { tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';
import { SLOT_MINUTES, slotLabel, slotSql } from './time-of-day';

interface IntradayRow {
  slot: number | null;
  site: string | null;
  service: string | null;
  arrived: number;
  calls: number;
  measured: number;
  within_target: number;
  wait_p50: number | null;
  wait_p90: number | null;
  is_total: boolean;
}

/**
 * (2) Through the day: per interval of the day (site-local time) × site × service over the whole period. Arrivals
 * fall in the interval of the issue; calls, and the waits and target share of those calls, in the interval of the call.
 */
export const intradayReport: ReportDefinition = {
  id: 'intraday',
  intervals: ['15min', '30min', 'hour'],
  totals: true,
  columns: [
    { key: 'timeOfDay', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'arrived', kind: 'count' },
    { key: 'calls', kind: 'count' },
    { key: 'waitP50', kind: 'minutes' },
    { key: 'waitP90', kind: 'minutes' },
    { key: 'withinTargetPercent', kind: 'percent' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const size = SLOT_MINUTES[filter.interval as keyof typeof SLOT_MINUTES];
    const rows: IntradayRow[] = await ds.query(
      `WITH t AS (
         SELECT s.*, si.timezone FROM stat_ticket s JOIN site si ON si.id = s.site_id
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3),
       ev AS (
         SELECT t.site_id, t.service_id, ${slotSql('t.issued_at', size, 't.timezone')} AS slot,
                1 AS arrival, 0 AS call, NULL::int AS wait, false AS within
           FROM t
         UNION ALL
         SELECT t.site_id, t.service_id, ${slotSql('t.called_at', size, 't.timezone')},
                0, 1, CASE WHEN t.wait_reliable THEN t.wait_seconds END,
                t.wait_reliable AND t.wait_seconds <= sv.target_wait_minutes * 60
           FROM t JOIN service sv ON sv.id = t.service_id
          WHERE t.result IN ('served', 'no-show') AND t.called_at IS NOT NULL),
       g AS (
         SELECT slot, site_id, service_id, GROUPING(slot) = 1 AS is_total,
                sum(arrival)::int AS arrived, sum(call)::int AS calls, count(wait)::int AS measured,
                count(*) FILTER (WHERE within)::int AS within_target,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS wait_p50,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS wait_p90
           FROM ev GROUP BY GROUPING SETS ((slot, site_id, service_id), ()))
       SELECT g.*, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service
         FROM g LEFT JOIN site si ON si.id = g.site_id LEFT JOIN service sv ON sv.id = g.service_id
        ORDER BY g.is_total, g.slot, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang],
    );
    const toRow = (r: IntradayRow): ReportRow => ({
      timeOfDay: r.is_total ? null : slotLabel(r.slot!, size),
      site: r.is_total ? null : r.site,
      service: r.is_total ? null : r.service,
      arrived: r.arrived,
      calls: r.calls,
      waitP50: secondsToMinutes(r.wait_p50),
      waitP90: secondsToMinutes(r.wait_p90),
      withinTargetPercent: percent(r.within_target, r.measured),
    });
    return tableWithTotals(rows, toRow);
  },
};
