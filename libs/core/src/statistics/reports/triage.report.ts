import type { DataSource } from 'typeorm';
import { percent, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface TriageRow {
  period: string | null;
  site: string | null;
  encounters: number;
  resolved: number;
  self_service: number;
  referred: number;
  ticket: number;
  targets: { target: string; n: number }[] | null;
  is_total: boolean;
}

/** "Skat: 2; Udbetaling Danmark: 1": the referral targets by count, most first, then by name. */
export function referralBreakdown(targets: { target: string; n: number }[]): string | null {
  const sorted = [...targets].sort((a, b) => b.n - a.n || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return sorted.length ? sorted.map((t) => `${t.target}: ${t.n}`).join('; ') : null;
}

/**
 * (6) Triage at the entrance per period × site: every encounter recorded by floor staff, by outcome, with shares,
 * and the referrals broken down by target in one column. Totals row.
 */
export const triageReport: ReportDefinition = {
  id: 'triage',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'encounters', kind: 'count' },
    { key: 'resolvedOnSpot', kind: 'count' },
    { key: 'resolvedOnSpotPercent', kind: 'percent' },
    { key: 'sentToSelfService', kind: 'count' },
    { key: 'sentToSelfServicePercent', kind: 'percent' },
    { key: 'referred', kind: 'count' },
    { key: 'referredPercent', kind: 'percent' },
    { key: 'ticketGiven', kind: 'count' },
    { key: 'ticketGivenPercent', kind: 'percent' },
    { key: 'referralTargets', kind: 'text' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: TriageRow[] = await ds.query(
      `WITH e AS (
         SELECT ${periodSql('e.business_date', filter.interval)} AS period, e.site_id, e.outcome, e.referral_target
           FROM encounter e WHERE e.site_id = ANY($1) AND e.business_date BETWEEN $2 AND $3),
       g AS (
         SELECT period, site_id, GROUPING(period) = 1 AS is_total, count(*)::int AS encounters,
                count(*) FILTER (WHERE outcome = 'resolved-on-spot')::int AS resolved,
                count(*) FILTER (WHERE outcome = 'self-service')::int AS self_service,
                count(*) FILTER (WHERE outcome = 'referred')::int AS referred,
                count(*) FILTER (WHERE outcome = 'ticket')::int AS ticket
           FROM e GROUP BY GROUPING SETS ((period, site_id), ())),
       t AS (
         SELECT period, site_id, is_total, json_agg(json_build_object('target', target, 'n', n)) AS targets
           FROM (SELECT period, site_id, GROUPING(period) = 1 AS is_total, referral_target AS target, count(*)::int AS n
                   FROM e WHERE outcome = 'referred' AND referral_target IS NOT NULL
                  GROUP BY GROUPING SETS ((period, site_id, referral_target), (referral_target))) x
          GROUP BY period, site_id, is_total)
       SELECT g.*, t.targets, si.name AS site
         FROM g LEFT JOIN t ON t.is_total = g.is_total AND t.period IS NOT DISTINCT FROM g.period
              AND t.site_id IS NOT DISTINCT FROM g.site_id
         LEFT JOIN site si ON si.id = g.site_id
        ORDER BY g.is_total, g.period, si.name, si.id`,
      [ctx.siteIds, filter.from, filter.to],
    );
    const toRow = (r: TriageRow): ReportRow => ({
      period: r.is_total ? null : r.period,
      site: r.is_total ? null : r.site,
      encounters: r.encounters,
      resolvedOnSpot: r.resolved,
      resolvedOnSpotPercent: percent(r.resolved, r.encounters),
      sentToSelfService: r.self_service,
      sentToSelfServicePercent: percent(r.self_service, r.encounters),
      referred: r.referred,
      referredPercent: percent(r.referred, r.encounters),
      ticketGiven: r.ticket,
      ticketGivenPercent: percent(r.ticket, r.encounters),
      referralTargets: referralBreakdown(r.targets ?? []),
    });
    return tableWithTotals(rows, toRow);
  },
};
