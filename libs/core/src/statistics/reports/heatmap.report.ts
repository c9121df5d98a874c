import type { DataSource } from 'typeorm';
import { secondsToMinutes, type ColumnSpec, type ReportRow } from '@skranke/domain';
import type { ReportContext, ReportDefinition, ReportTable } from '../report-definition';
import { slotLabel, slotSql } from './time-of-day';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

interface HeatmapRow {
  site_id: string;
  site: string;
  hour: number;
  weekday: number;
  arrived: number;
  open_days: number;
  wait_p90: number | null;
}

/**
 * (3) Hour × weekday heat map per site, in the site's local time: the average arrivals per open day of that weekday
 * (a date of the period on which the site issued at least one ticket) and the p90 wait of the calls in that hour.
 * One row per site and hour; the columns are the weekdays, so the table is the heat map.
 */
export const heatmapReport: ReportDefinition = {
  id: 'heatmap',
  intervals: ['hour'],
  totals: false,
  columns: [
    { key: 'site', kind: 'text' },
    { key: 'hourOfDay', kind: 'period' },
    ...WEEKDAYS.map((d): ColumnSpec => ({ key: `arrivals${d}`, kind: 'number' })),
    ...WEEKDAYS.map((d): ColumnSpec => ({ key: `p90${d}`, kind: 'minutes' })),
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: HeatmapRow[] = await ds.query(
      `WITH t AS (
         SELECT s.*, si.timezone, extract(isodow FROM s.business_date)::int AS weekday
           FROM stat_ticket s JOIN site si ON si.id = s.site_id
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3),
       open_days AS (
         SELECT site_id, weekday, count(DISTINCT business_date)::int AS open_days FROM t GROUP BY site_id, weekday),
       ev AS (
         SELECT site_id, weekday, ${slotSql('issued_at', 60, 'timezone')} AS hour, 1 AS arrival, NULL::int AS wait FROM t
         UNION ALL
         SELECT site_id, weekday, ${slotSql('called_at', 60, 'timezone')}, 0, wait_seconds FROM t WHERE wait_reliable),
       g AS (
         SELECT site_id, weekday, hour, sum(arrival)::int AS arrived,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS wait_p90
           FROM ev GROUP BY site_id, weekday, hour)
       SELECT g.*, o.open_days, si.name AS site
         FROM g JOIN open_days o USING (site_id, weekday) JOIN site si ON si.id = g.site_id
        ORDER BY si.name, si.id, g.hour, g.weekday`,
      [ctx.siteIds, filter.from, filter.to],
    );
    // Rows come ordered by site and hour: one table row per (site, hour), a cell per weekday that had any.
    const byKey = new Map<string, ReportRow>();
    for (const r of rows) {
      const key = `${r.site_id}|${r.hour}`;
      let row = byKey.get(key);
      if (!row) {
        row = { site: r.site, hourOfDay: slotLabel(r.hour, 60) };
        for (const d of WEEKDAYS) Object.assign(row, { [`arrivals${d}`]: null, [`p90${d}`]: null });
        byKey.set(key, row);
      }
      const d = WEEKDAYS[r.weekday - 1];
      row[`arrivals${d}`] = Math.round((r.arrived / r.open_days) * 10) / 10;
      row[`p90${d}`] = secondsToMinutes(r.wait_p90);
    }
    // A weekday the site was open on had no arrivals in an hour: 0 on average; a weekday it never opened stays empty.
    const open = new Map<string, Set<string>>();
    for (const r of rows) open.set(r.site_id, (open.get(r.site_id) ?? new Set()).add(WEEKDAYS[r.weekday - 1]));
    for (const [key, row] of byKey) for (const d of open.get(key.split('|')[0])!) if (row[`arrivals${d}`] === null) row[`arrivals${d}`] = 0;
    const table = [...byKey.values()];
    return { rows: table, totals: null };
  },
};
