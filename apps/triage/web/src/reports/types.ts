import { type TriageSchemas, formatNumber } from '@skranke/web';
import { periodLabel } from './period';

export type ReportListing = TriageSchemas['schemas']['ReportListingSchema'];
export type ReportResult = TriageSchemas['schemas']['ReportResultSchema'];
export type ReportColumn = ReportResult['columns'][number];
export type ReportRow = ReportResult['rows'][number];
export type ReportId = ReportListing['id'];
export type Interval = ReportListing['intervals'][number];

/** The figure kinds a chart can draw. */
export const NUMERIC_KINDS: ReportColumn['kind'][] = ['count', 'percent', 'minutes', 'number'];
export const isNumeric = (c: ReportColumn) => NUMERIC_KINDS.includes(c.kind);

/** Decimals by kind: counts whole, percentages and minutes with one (as the API rounds them), other numbers with up to two. */
export function formatFigure(lang: string, kind: ReportColumn['kind'], value: number): string {
  if (kind === 'count') return formatNumber(lang, value, 0);
  if (kind === 'percent' || kind === 'minutes') return formatNumber(lang, value, 1);
  return new Intl.NumberFormat(lang === 'da' ? 'da-DK' : lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}

/** A cell as the page shows it: figures the language's way, periods and dates by name, nothing as a dash. */
export function cellText(
  lang: string,
  column: ReportColumn,
  value: ReportRow[string] | undefined,
  weekText: (week: number, year: number) => string,
): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return formatFigure(lang, column.kind, value);
  if (column.kind === 'period' || column.kind === 'date') return periodLabel(lang, value, weekText);
  return value;
}
