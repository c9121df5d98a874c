import type { DataSource } from 'typeorm';
import { percent, type ColumnSpec, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';
import { rollUpDays } from '../stat-rollup';

/** The buckets' lower bounds in minutes: 0–5, 5–15, 15–30, 30–60, 60+ (a wait of exactly 5:00 is in 5–15). */
export const WAIT_BUCKETS = [
  { key: 'wait0to5', from: 0 },
  { key: 'wait5to15', from: 5 },
  { key: 'wait15to30', from: 15 },
  { key: 'wait30to60', from: 30 },
  { key: 'wait60plus', from: 60 },
] as const;

interface DistributionRow {
  period: string | null;
  site: string | null;
  service: string | null;
  measured: number;
  buckets: number[];
  is_total: boolean;
}

/** (4) Reliable waits in fixed buckets per period × site × service, from the daily roll-up's waits; totals row. */
export const waitDistributionReport: ReportDefinition = {
  id: 'wait-distribution',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'measuredWaits', kind: 'count' },
    ...WAIT_BUCKETS.flatMap((b): ColumnSpec[] => [
      { key: b.key, kind: 'count' },
      { key: `${b.key}Percent`, kind: 'percent' },
    ]),
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    await rollUpDays(ds, ctx.sites, filter.from, filter.to, ctx.now);
    const bounds = WAIT_BUCKETS.map((b) => b.from * 60);
    const rows: DistributionRow[] = await ds.query(
      `WITH d AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.site_id, s.service_id, w
           FROM stat_service_day s, unnest(s.waits) w
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3),
       g AS (
         SELECT period, site_id, service_id, GROUPING(period) = 1 AS is_total, count(*)::int AS measured,
                array[${bounds.map((lo, i) => `count(*) FILTER (WHERE w >= ${lo}${i + 1 < bounds.length ? ` AND w < ${bounds[i + 1]}` : ''})::int`).join(', ')}] AS buckets
           FROM d GROUP BY GROUPING SETS ((period, site_id, service_id), ()))
       SELECT g.*, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service
         FROM g LEFT JOIN site si ON si.id = g.site_id LEFT JOIN service sv ON sv.id = g.service_id
        ORDER BY g.is_total, g.period, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang],
    );
    const toRow = (r: DistributionRow): ReportRow => {
      const row: ReportRow = {
        period: r.is_total ? null : r.period,
        site: r.is_total ? null : r.site,
        service: r.is_total ? null : r.service,
        measuredWaits: r.measured,
      };
      WAIT_BUCKETS.forEach((b, i) => {
        row[b.key] = r.buckets[i];
        row[`${b.key}Percent`] = percent(r.buckets[i], r.measured);
      });
      return row;
    };
    return tableWithTotals(rows, toRow);
  },
};
