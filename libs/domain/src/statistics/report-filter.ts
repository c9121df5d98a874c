import { Temporal } from 'temporal-polyfill';
import { invalid } from '../errors';
import { isUuid } from '../ids';
import { calendarDateParam } from '../time/calendar-date';
import { INTERVALS, type Interval, type ReportSpec } from './catalogue';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** `excel-da`: UTF-8 with BOM, `;`, decimal comma (Danish Excel opens it as it is); `rfc4180`: `,` and decimal point. */
export const CSV_DIALECTS = ['excel-da', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];
export const REPORT_LANGUAGES = ['da', 'en', 'de'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** At most this many days in one report, and sites in one comparison. */
export const MAX_REPORT_DAYS = 3 * 366;
export const MAX_REPORT_SITES = 50;

/** What a report is asked for. `siteIds` empty means every site the caller may read. */
export interface ReportFilter {
  siteIds: string[];
  from: string;
  to: string;
  interval: Interval;
  format: ReportFormat;
  dialect: CsvDialect;
  lang: ReportLanguage;
  /** `previous-year`: the same dates a year earlier beside each row (statistics/previous-year.ts); null: none. */
  compare: ReportCompare | null;
}

export const REPORT_COMPARES = ['previous-year'] as const;
export type ReportCompare = (typeof REPORT_COMPARES)[number];

export type ReportQuery = Partial<Record<'siteIds' | 'from' | 'to' | 'interval' | 'format' | 'dialect' | 'lang' | 'compare', unknown>>;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string, code: string): T {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(code, `${name} must be one of ${allowed.join(', ')}.`, { allowed: allowed.join(', ') });
}

/** The query of `GET /reports/:report` checked: a 400 with a code for anything malformed, before any query runs. */
export function parseReportFilter(spec: ReportSpec, query: ReportQuery): ReportFilter {
  const raw = query.siteIds;
  if (raw !== undefined && typeof raw !== 'string')
    throw invalid('invalid_site_ids', 'siteIds must be a comma-separated list of site ids.');
  const siteIds = raw ? [...new Set(raw.split(',').map((s) => s.trim()))] : [];
  if (siteIds.some((id) => !isUuid(id))) throw invalid('invalid_site_ids', 'siteIds must be a comma-separated list of site ids.');
  if (siteIds.length > MAX_REPORT_SITES)
    throw invalid('too_many_sites', `At most ${MAX_REPORT_SITES} sites in one report.`, { max: MAX_REPORT_SITES });
  const from = calendarDateParam(query.from, 'from');
  const to = calendarDateParam(query.to, 'to');
  const days = Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;
  if (days < 0) throw invalid('invalid_period', 'from must not be after to.');
  if (days >= MAX_REPORT_DAYS)
    throw invalid('period_too_long', `A report covers at most ${MAX_REPORT_DAYS} days.`, { max: MAX_REPORT_DAYS });
  const interval = oneOf(query.interval, INTERVALS, spec.intervals[0], 'interval', 'invalid_interval');
  if (!spec.intervals.includes(interval)) {
    throw invalid('interval_not_supported', `The ${spec.id} report comes by ${spec.intervals.join(', ')}.`, {
      allowed: spec.intervals.join(', '),
    });
  }
  const format = oneOf(query.format, REPORT_FORMATS, spec.formats?.[0] ?? 'json', 'format', 'invalid_format');
  if (spec.formats && !spec.formats.includes(format)) {
    throw invalid('format_not_supported', `The ${spec.id} export comes as ${spec.formats.join(', ')}.`, {
      allowed: spec.formats.join(', '),
    });
  }
  const compare =
    query.compare === undefined || query.compare === ''
      ? null
      : oneOf(query.compare, REPORT_COMPARES, 'previous-year', 'compare', 'invalid_compare');
  if (compare && !spec.compareColumns)
    throw invalid('compare_not_supported', `The ${spec.id} report has no comparison.`, { report: spec.id });
  return {
    siteIds,
    from,
    to,
    interval,
    compare,
    format,
    dialect: oneOf(query.dialect, CSV_DIALECTS, 'excel-da', 'dialect', 'invalid_dialect'),
    lang: oneOf(query.lang, REPORT_LANGUAGES, 'da', 'lang', 'invalid_lang'),
  };
}
