import type { DataSource } from 'typeorm';
import { WAIT_BANDS, percent, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface SurveyRow {
  period: string | null;
  site: string | null;
  wait_band: string | null;
  is_total: boolean;
  answers: number;
  got_asked: number;
  got_yes: number;
  guidance_asked: number;
  very_good: number;
  good: number;
  poor: number;
  unacceptable: number;
  seen_asked: number;
  seen_yes: number;
}

/**
 * (11) The exit survey against the wait, per period × site × wait band. An answer is never linked to its ticket
 * (privacy): it carries the coarse band of the visit's wait, set when the citizen answered (survey_answer.wait_band),
 * and no time of day. Each share is of the answers that answered that question (every question is optional).
 */
export const surveyReport: ReportDefinition = {
  id: 'survey',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'waitBand', kind: 'text' },
    { key: 'surveyAnswers', kind: 'count' },
    { key: 'gotWhatCameForPercent', kind: 'percent' },
    { key: 'guidanceVeryGoodPercent', kind: 'percent' },
    { key: 'guidanceGoodPercent', kind: 'percent' },
    { key: 'guidancePoorPercent', kind: 'percent' },
    { key: 'guidanceUnacceptablePercent', kind: 'percent' },
    { key: 'feltSeenAndHeardPercent', kind: 'percent' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: SurveyRow[] = await ds.query(
      `WITH d AS (
         SELECT ${periodSql('a.business_date', filter.interval)} AS period, a.*
           FROM survey_answer a
          WHERE a.site_id = ANY($1) AND a.business_date BETWEEN $2 AND $3),
       g AS (
         SELECT period, site_id, wait_band, GROUPING(period) = 1 AS is_total, count(*)::int AS answers,
                count(got_what_came_for)::int AS got_asked, count(*) FILTER (WHERE got_what_came_for)::int AS got_yes,
                count(guidance)::int AS guidance_asked,
                count(*) FILTER (WHERE guidance = 'very-good')::int AS very_good,
                count(*) FILTER (WHERE guidance = 'good')::int AS good,
                count(*) FILTER (WHERE guidance = 'poor')::int AS poor,
                count(*) FILTER (WHERE guidance = 'unacceptable')::int AS unacceptable,
                count(felt_seen_and_heard)::int AS seen_asked, count(*) FILTER (WHERE felt_seen_and_heard)::int AS seen_yes
           FROM d GROUP BY GROUPING SETS ((period, site_id, wait_band), ()))
       SELECT g.*, si.name AS site
         FROM g LEFT JOIN site si ON si.id = g.site_id
        ORDER BY g.is_total, g.period, si.name, si.id, array_position($4::text[], g.wait_band) NULLS LAST`,
      [ctx.siteIds, filter.from, filter.to, WAIT_BANDS],
    );
    return tableWithTotals(rows, toRow, (r) => r.answers > 0);
  },
};

function toRow(r: SurveyRow): ReportRow {
  return {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    waitBand: r.is_total ? null : r.wait_band,
    surveyAnswers: r.answers,
    gotWhatCameForPercent: percent(r.got_yes, r.got_asked),
    guidanceVeryGoodPercent: percent(r.very_good, r.guidance_asked),
    guidanceGoodPercent: percent(r.good, r.guidance_asked),
    guidancePoorPercent: percent(r.poor, r.guidance_asked),
    guidanceUnacceptablePercent: percent(r.unacceptable, r.guidance_asked),
    feltSeenAndHeardPercent: percent(r.seen_yes, r.seen_asked),
  };
}
