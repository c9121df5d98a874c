import { Temporal } from 'temporal-polyfill';
import { invalid } from '../errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date written YYYY-MM-DD. `Date.parse` is not enough: it reads
 * 2027-02-30 as 2 March, and PostgreSQL then refuses it (a 5xx where a 400 belongs).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** A query's date parameter as a real calendar date, or 400 `invalid_date` naming the parameter. */
export function calendarDateParam(value: unknown, name = 'date'): string {
  if (typeof value !== 'string' || !DATE.test(value)) throw invalid('invalid_date', `${name} must be a date YYYY-MM-DD.`);
  if (!isCalendarDate(value)) throw invalid('invalid_date', `${name} must be a real date.`);
  return value;
}

/** The instant an ISO time with an offset names (2027-03-29T09:00:00+02:00 or …Z), or null: no offset, or no such day or hour. */
export function instantWithOffset(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    return null;
  }
}
