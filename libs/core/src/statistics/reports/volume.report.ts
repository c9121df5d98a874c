import type { DataSource } from 'typeorm';
import { percent, previousYearPeriod, previousYearRange, secondsToMinutes, type ReportRow } from '@skranke/domain';
import { periodSql, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';
import { rollUpDays } from '../stat-rollup';

interface VolumeRow {
  period: string | null;
  site_id: string | null;
  service_id: string | null;
  site: string | null;
  service: string | null;
  arrived: number;
  served: number;
  no_show: number;
  cancelled: number;
  left_early: number;
  expired: number;
  mistaken: number;
  within_target: number;
  measured: number;
  target_seconds: number | null;
  wait_p50: number | null;
  wait_p90: number | null;
  wait_max: number | null;
  handling_mean: number | null;
  handling_p90: number | null;
  is_total: boolean;
}

/** `compare=previous-year`: the earlier figures beside the row's, and the change (counts in %, waits in minutes, shares in points). */
const COMPARE_COLUMNS = [
  { key: 'arrivedPrevious', kind: 'count' },
  { key: 'arrivedChangePercent', kind: 'percent' },
  { key: 'servedPrevious', kind: 'count' },
  { key: 'servedChangePercent', kind: 'percent' },
  { key: 'waitP50Previous', kind: 'minutes' },
  { key: 'waitP50Change', kind: 'minutes' },
  { key: 'withinTargetPercentPrevious', kind: 'percent' },
  { key: 'withinTargetPercentChange', kind: 'percent' },
] as const;

/**
 * (1) Volume and service level per period × site × service, from the daily roll-up. One statement: the counts and
 * the percentiles over the waits themselves, with the totals row as the empty grouping set.
 */
export const volumeReport: ReportDefinition = {
  id: 'volume',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'arrived', kind: 'count' },
    { key: 'served', kind: 'count' },
    { key: 'servedPercent', kind: 'percent' },
    { key: 'noShow', kind: 'count' },
    { key: 'cancelled', kind: 'count' },
    { key: 'left', kind: 'count' },
    { key: 'expired', kind: 'count' },
    { key: 'unreliable', kind: 'count' },
    { key: 'waitP50', kind: 'minutes' },
    { key: 'waitP90', kind: 'minutes' },
    { key: 'waitMax', kind: 'minutes' },
    { key: 'targetMinutes', kind: 'minutes' },
    { key: 'withinTargetPercent', kind: 'percent' },
    { key: 'handlingMean', kind: 'minutes' },
    { key: 'handlingP90', kind: 'minutes' },
  ],
  compareColumns: COMPARE_COLUMNS,
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const now = await volumeRows(ds, ctx, filter.from, filter.to);
    const table = now.filter((r) => !r.is_total);
    const total = now.find((r) => r.is_total && r.arrived !== null);
    if (!filter.compare) return { rows: table.map(toRow), totals: total && table.length ? toRow(total) : null };
    const range = previousYearRange(filter.from, filter.to, filter.interval);
    const before = await volumeRows(ds, ctx, range.from, range.to);
    const earlier = new Map(before.filter((r) => !r.is_total).map((r) => [`${r.period}|${r.site_id}|${r.service_id}`, r]));
    const earlierTotal = before.find((r) => r.is_total && r.arrived !== null) ?? null;
    const compared = (r: VolumeRow, e: VolumeRow | null | undefined) => withEarlier(toRow(r), e ? toRow(e) : null);
    return {
      rows: table.map((r) => compared(r, earlier.get(`${previousYearPeriod(r.period!, filter.interval)}|${r.site_id}|${r.service_id}`))),
      totals: total && table.length ? compared(total, earlierTotal) : null,
    };
  },
};

const SUMS = `sum(s.arrived)::int AS arrived, sum(s.served)::int AS served, sum(s.no_show)::int AS no_show,
  sum(s.cancelled)::int AS cancelled, sum(s.left_early)::int AS left_early, sum(s.expired)::int AS expired,
  sum(s.mistaken)::int AS mistaken, sum(s.within_target)::int AS within_target, sum(cardinality(s.waits))::int AS measured,
  CASE WHEN min(s.target_wait_seconds) = max(s.target_wait_seconds) THEN min(s.target_wait_seconds) END AS target_seconds`;
const WAITS = (where: string) =>
  `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS wait_p50, percentile_disc(0.9) WITHIN GROUP (ORDER BY v) AS wait_p90,
          max(v) AS wait_max FROM stat_service_day x, unnest(x.waits) v WHERE ${where}`;
const HANDLINGS = (where: string) =>
  `SELECT avg(v)::float8 AS handling_mean, percentile_disc(0.9) WITHIN GROUP (ORDER BY v) AS handling_p90
     FROM stat_service_day x, unnest(x.handlings) v WHERE ${where}`;
/** A group's own days: a period's days of one site's service are one contiguous range (d0..d1) of the filter. */
const GROUP_DAYS = 'x.site_id = g.site_id AND x.service_id = g.service_id AND x.business_date BETWEEN g.d0 AND g.d1';
const ALL_DAYS = 'x.site_id = ANY($1) AND x.business_date BETWEEN $2 AND $3';

/**
 * The rows of the sites × services × periods in [from, to] and the totals row (is_total, last), from the daily
 * roll-up: counts summed; percentiles over the waits themselves, each group's from its own days, so every sort holds
 * one group (small, in memory), and the totals' over the whole filter with room to sort in memory (one transaction,
 * so the setting ends with it).
 */
async function volumeRows(ds: DataSource, ctx: ReportContext, from: string, to: string): Promise<VolumeRow[]> {
  const { filter } = ctx;
  await rollUpDays(ds, ctx.sites, from, to, ctx.now);
  return ds.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    const groups: VolumeRow[] = await tx.query(
      `WITH g AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.site_id, s.service_id,
                min(s.business_date) AS d0, max(s.business_date) AS d1, ${SUMS}
           FROM stat_service_day s
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3 AND s.arrived > 0
          GROUP BY 1, 2, 3)
       SELECT g.*, false AS is_total, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service, w.*, h.*
         FROM g JOIN site si ON si.id = g.site_id JOIN service sv ON sv.id = g.service_id
         CROSS JOIN LATERAL (${WAITS(GROUP_DAYS)}) w
         CROSS JOIN LATERAL (${HANDLINGS(GROUP_DAYS)}) h
        ORDER BY g.period, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, from, to, filter.lang],
    );
    const totals: VolumeRow[] = await tx.query(
      `SELECT t.*, true AS is_total, w.*, h.*
         FROM (SELECT ${SUMS} FROM stat_service_day s WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3) t
         CROSS JOIN LATERAL (${WAITS(ALL_DAYS)}) w
         CROSS JOIN LATERAL (${HANDLINGS(ALL_DAYS)}) h`,
      [ctx.siteIds, from, to],
    );
    return [...groups, ...totals];
  });
}

function withEarlier(row: ReportRow, earlier: ReportRow | null): ReportRow {
  const num = (r: ReportRow | null, key: string) => (typeof r?.[key] === 'number' ? (r[key] as number) : null);
  const growth = (key: string) => {
    const now = num(row, key);
    const then = num(earlier, key);
    return now === null || then === null ? null : percent(now - then, then);
  };
  const difference = (key: string) => {
    const now = num(row, key);
    const then = num(earlier, key);
    return now === null || then === null ? null : Math.round((now - then) * 10) / 10;
  };
  return {
    ...row,
    arrivedPrevious: num(earlier, 'arrived'),
    arrivedChangePercent: growth('arrived'),
    servedPrevious: num(earlier, 'served'),
    servedChangePercent: growth('served'),
    waitP50Previous: num(earlier, 'waitP50'),
    waitP50Change: difference('waitP50'),
    withinTargetPercentPrevious: num(earlier, 'withinTargetPercent'),
    withinTargetPercentChange: difference('withinTargetPercent'),
  };
}

function toRow(r: VolumeRow): ReportRow {
  return {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    service: r.is_total ? null : r.service,
    arrived: r.arrived,
    served: r.served,
    servedPercent: percent(r.served, r.arrived),
    noShow: r.no_show,
    cancelled: r.cancelled,
    left: r.left_early,
    expired: r.expired,
    unreliable: r.mistaken + r.expired,
    waitP50: secondsToMinutes(r.wait_p50),
    waitP90: secondsToMinutes(r.wait_p90),
    waitMax: secondsToMinutes(r.wait_max),
    targetMinutes: secondsToMinutes(r.target_seconds),
    withinTargetPercent: percent(r.within_target, r.measured),
    handlingMean: secondsToMinutes(r.handling_mean),
    handlingP90: secondsToMinutes(r.handling_p90),
  };
}
