import type { DataSource } from 'typeorm';
import { percent, secondsToMinutes, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface AccuracyRow {
  period: string | null;
  site: string | null;
  service: string | null;
  is_total: boolean;
  scored: number;
  error_sum: number | null;
  abs_error_sum: number | null;
  within: number;
}

/**
 * (10) The estimate a ticket was told at issue against the wait it then had, from the issue to the call, per
 * period × site × service. The estimate in seconds as the ticket stored it (`estimate_*_seconds`, issue 23; a
 * ticket from before those columns: its whole minutes), the column set the live accuracy reads. Scored: called tickets
 * whose wait counts (served without a slip, or no-show), with an estimate shown, never transferred (their wait
 * spans two queues). Sums come back whole (seconds) and are divided here, so a mean is the same as by hand.
 */
export const estimateAccuracyReport: ReportDefinition = {
  id: 'estimate-accuracy',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'estimateScored', kind: 'count' },
    { key: 'estimateMeanError', kind: 'minutes' },
    { key: 'estimateMeanAbsoluteError', kind: 'minutes' },
    { key: 'estimateWithinRangePercent', kind: 'percent' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: AccuracyRow[] = await ds.query(
      `WITH d AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.site_id, s.service_id,
                w.wait - e.point AS error, w.wait BETWEEN e.low AND e.high AS within
           FROM stat_ticket s
           JOIN ticket t ON t.id = s.ticket_id
           CROSS JOIN LATERAL (SELECT greatest(0, floor(extract(epoch FROM s.called_at - s.issued_at)))::int AS wait) w
           CROSS JOIN LATERAL (
             SELECT coalesce(t.estimate_seconds, t.estimate_minutes * 60) AS point,
                    coalesce(t.estimate_low_seconds, t.estimate_low * 60, t.estimate_seconds, t.estimate_minutes * 60) AS low,
                    coalesce(t.estimate_high_seconds, t.estimate_high * 60, t.estimate_seconds, t.estimate_minutes * 60) AS high) e
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3 AND s.wait_reliable
            AND s.transfer_count = 0 AND e.point IS NOT NULL),
       g AS (
         SELECT period, site_id, service_id, GROUPING(period) = 1 AS is_total, count(*)::int AS scored,
                sum(error)::float8 AS error_sum, sum(abs(error))::float8 AS abs_error_sum,
                count(*) FILTER (WHERE within)::int AS within
           FROM d GROUP BY GROUPING SETS ((period, site_id, service_id), ()))
       SELECT g.*, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service
         FROM g
         LEFT JOIN site si ON si.id = g.site_id
         LEFT JOIN service sv ON sv.id = g.service_id
        ORDER BY g.is_total, g.period, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang],
    );
    return tableWithTotals(rows, toRow, (r) => r.scored > 0);
  },
};

function toRow(r: AccuracyRow): ReportRow {
  const mean = (sum: number | null) => (r.scored && sum !== null ? secondsToMinutes(sum / r.scored) : null);
  return {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    service: r.is_total ? null : r.service,
    estimateScored: r.scored,
    estimateMeanError: mean(r.error_sum),
    estimateMeanAbsoluteError: mean(r.abs_error_sum),
    estimateWithinRangePercent: percent(r.within, r.scored),
  };
}
