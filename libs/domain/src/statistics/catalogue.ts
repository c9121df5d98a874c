/**
 * The statistics reports (issue 21) and what their tables hold. Texts (titles, column labels and the written
 * definition of every figure) are in texts/<lang>.json, so the page, the JSON answer and every export say the same.
 */
export const REPORT_IDS = [
  'volume',
  'intraday',
  'heatmap',
  'wait-distribution',
  'appointments',
  'triage',
  'channels',
  'outcomes',
  'transfers',
  'estimate-accuracy',
  'survey',
  'self-service-seats',
  // Not a report but the rows under them: one line per visit, CSV only, for a data warehouse or a spreadsheet.
  'visits',
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

/** 15min and 30min for the intraday report; the API's hour, day, week, month for the others. */
export const INTERVALS = ['15min', '30min', 'hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * How a cell is written: `count` a whole number; `percent` 0–100 with one decimal; `minutes` with one decimal;
 * `text` as it is (names, labels); `date` YYYY-MM-DD; `period` the interval's label (2026-03, 2026-W09, 2026-03-02 08:15).
 */
export type ColumnKind = 'text' | 'period' | 'date' | 'count' | 'percent' | 'minutes' | 'number';

export interface ColumnSpec {
  key: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ReportSpec {
  id: ReportId;
  /** The intervals the report can be asked for; the first is the default. */
  intervals: readonly Interval[];
  columns: readonly ColumnSpec[];
  /** Whether the report has a totals row (counts summed, percentiles over the whole period). */
  totals: boolean;
  /** The formats it comes in; all three when left out. */
  formats?: readonly ('json' | 'csv' | 'xlsx')[];
  /** The columns added by `compare=previous-year` (the earlier figures and the change); none: no comparison. */
  compareColumns?: readonly ColumnSpec[];
}

export function isReportId(value: unknown): value is ReportId {
  return typeof value === 'string' && (REPORT_IDS as readonly string[]).includes(value);
}
