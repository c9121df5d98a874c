import type { DataSource } from 'typeorm';
import type { ReportFilter, ReportRow, ReportSpec } from '@skranke/domain';

export interface ReportSite {
  id: string;
  name: string;
  timezone: string;
}

/** What a report's query is given: the checked filter and the sites the caller may read among those asked for. */
export interface ReportContext {
  filter: ReportFilter;
  sites: ReportSite[];
  /** The sites' ids, for `site_id = ANY($1)`: scope is enforced in the query itself. */
  siteIds: string[];
  now: Date;
}

export interface ReportTable {
  rows: ReportRow[];
  totals: ReportRow | null;
}

/**
 * A report: its columns (the spec) and the query that fills them. Registered in reports/index.ts. A report too
 * large to hold (the visits export) streams its rows instead: `run` then gives no rows and `stream` gives them all.
 */
export interface ReportDefinition extends ReportSpec {
  run(ds: DataSource, ctx: ReportContext): Promise<ReportTable>;
  stream?(ds: DataSource, ctx: ReportContext): AsyncGenerator<ReportRow>;
}

/** Whether a report can be sent by e-mail: one of aggregates; a file of rows (the visits export) cannot. */
export const sentByEmail = (report: ReportDefinition): boolean => !report.stream;

/**
 * A GROUPING SETS answer (its totals row flagged `is_total`) as a report's table: the totals only beside rows, and
 * only where `counts` finds something in them.
 */
export function tableWithTotals<R extends { is_total: boolean }>(rows: R[], toRow: (r: R) => ReportRow, counts: (total: R) => boolean = () => true): ReportTable {
  const table = rows.filter((r) => !r.is_total).map(toRow);
  const total = rows.find((r) => r.is_total && counts(r));
  return { rows: table, totals: total && table.length ? toRow(total) : null };
}

/** The SQL label of a business date's period (day 2026-03-02, ISO week 2026-W10, month 2026-03). */
export function periodSql(column: string, interval: ReportFilter['interval']): string {
  switch (interval) {
    case 'week':
      return `to_char(date_trunc('week', ${column}), 'IYYY-"W"IW')`;
    case 'month':
      return `to_char(${column}, 'YYYY-MM')`;
    default:
      return `to_char(${column}, 'YYYY-MM-DD')`;
  }
}
