import type { DataSource } from 'typeorm';
import { percent, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

/** The outcomes and modes of help a counter records at finish (DOMAIN.md), with their column keys. */
const OUTCOMES = [
  ['resolved', 'outcomeResolved'],
  ['referred-back-office', 'outcomeReferredBackOffice'],
  ['referred-authority', 'outcomeReferredAuthority'],
  ['self-service', 'outcomeSelfService'],
  ['follow-up', 'outcomeFollowUp'],
] as const;
const HELP_MODES = [
  ['advice', 'helpAdvice'],
  ['motivation', 'helpMotivation'],
  ['problem-solving', 'helpProblemSolving'],
  ['instruction', 'helpInstruction'],
] as const;

type OutcomesRow = { period: string | null; site: string | null; service: string | null; is_total: boolean; served: number } & Record<
  string,
  unknown
>;

/**
 * (8) Outcomes and modes of help of served visits per period × site × service: each as a count and as a share of
 * the served visits. Slips (called and finished within 10 s) are no visit and are left out.
 */
export const outcomesReport: ReportDefinition = {
  id: 'outcomes',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'servedVisits', kind: 'count' },
    ...[...OUTCOMES, ...HELP_MODES].flatMap(([, key]) => [
      { key, kind: 'count' as const },
      { key: `${key}Percent`, kind: 'percent' as const },
    ]),
    { key: 'helpNone', kind: 'count' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const counts = [
      ...OUTCOMES.map(([, key], i) => `count(*) FILTER (WHERE outcome = $${5 + i})::int AS "${key}"`),
      ...HELP_MODES.map(([, key], i) => `count(*) FILTER (WHERE help_mode = $${5 + OUTCOMES.length + i})::int AS "${key}"`),
    ].join(', ');
    const rows: OutcomesRow[] = await ds.query(
      `WITH d AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.*
           FROM stat_ticket s
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3 AND s.result = 'served' AND NOT s.mistaken),
       g AS (
         SELECT period, site_id, service_id, GROUPING(period) = 1 AS is_total, count(*)::int AS served, ${counts},
                count(*) FILTER (WHERE help_mode IS NULL)::int AS "helpNone"
           FROM d GROUP BY GROUPING SETS ((period, site_id, service_id), ()))
       SELECT g.*, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service
         FROM g
         LEFT JOIN site si ON si.id = g.site_id
         LEFT JOIN service sv ON sv.id = g.service_id
        ORDER BY g.is_total, g.period, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang, ...OUTCOMES.map(([v]) => v), ...HELP_MODES.map(([v]) => v)],
    );
    return tableWithTotals(rows, toRow, (r) => r.served > 0);
  },
};

function toRow(r: OutcomesRow): ReportRow {
  const row: ReportRow = {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    service: r.is_total ? null : r.service,
    servedVisits: r.served,
  };
  for (const [, key] of [...OUTCOMES, ...HELP_MODES]) {
    row[key] = r[key] as number;
    row[`${key}Percent`] = percent(r[key] as number, r.served);
  }
  row.helpNone = r.helpNone as number;
  return row;
}
