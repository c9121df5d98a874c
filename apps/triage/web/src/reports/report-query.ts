import type { Interval, ReportId } from './types';

/** The filter as the API takes it; what the table shows and the exports fetch are the same one. */
export interface ReportQuery {
  report: ReportId;
  siteIds: string;
  from: string;
  to: string;
  interval: Interval;
  lang: 'da' | 'en' | 'de';
  /** The same period a year earlier beside each row, where the report offers it. */
  compare?: 'previous-year';
}
