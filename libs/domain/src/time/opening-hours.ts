import { invalid } from '../errors';
import { WEEKDAYS, Weekday, addDays, parseClock, weekdayOf, zonedInstant, zonedParts } from './zoned-time';

export interface OpeningInterval {
  opens: string; // "08:00"
  closes: string; // "16:00"
}

export interface OpeningException {
  date: string; // YYYY-MM-DD at the site
  intervals: OpeningInterval[]; // empty: closed all day
  reason?: string;
}

export interface OpeningHours {
  weekly: Partial<Record<Weekday, OpeningInterval[]>>;
  exceptions?: OpeningException[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a 400 domain error describing the first problem found. */
export function validateOpeningHours(hours: unknown): OpeningHours {
  const bad = (why: string) => invalid('invalid_opening_hours', why);
  if (!hours || typeof hours !== 'object') throw bad('openingHours must be an object with "weekly".');
  const { weekly, exceptions } = hours as OpeningHours;
  if (!weekly || typeof weekly !== 'object' || Array.isArray(weekly)) throw bad('openingHours.weekly must be an object keyed mon…sun.');
  const checkIntervals = (list: unknown, where: string) => {
    if (!Array.isArray(list)) throw bad(`${where} must be a list of {opens, closes}.`);
    let previousClose = -1;
    for (const item of list as OpeningInterval[]) {
      let opens: number, closes: number;
      try {
        opens = parseClock(item?.opens);
        closes = parseClock(item?.closes);
      } catch {
        throw bad(`${where}: times must be "HH:MM".`);
      }
      if (closes <= opens) throw bad(`${where}: closes must be after opens.`);
      if (opens < previousClose) throw bad(`${where}: intervals must be in order and not overlap.`);
      previousClose = closes;
    }
  };
  for (const key of Object.keys(weekly)) {
    if (!WEEKDAYS.includes(key as Weekday)) throw bad(`openingHours.weekly has an unknown day "${key}".`);
    checkIntervals(weekly[key as Weekday], `openingHours.weekly.${key}`);
  }
  if (exceptions !== undefined) {
    if (!Array.isArray(exceptions)) throw bad('openingHours.exceptions must be a list.');
    for (const e of exceptions) {
      if (!e || typeof e.date !== 'string' || !DATE.test(e.date)) throw bad('Each exception needs a date "YYYY-MM-DD".');
      checkIntervals(e.intervals, `exception ${e.date}`);
    }
  }
  return { weekly, exceptions: exceptions ?? [] };
}

export function intervalsOn(hours: OpeningHours, date: string): OpeningInterval[] {
  const exception = hours.exceptions?.find((e) => e.date === date);
  return exception ? exception.intervals : (hours.weekly[weekdayOf(date)] ?? []);
}

export interface OpeningState {
  open: boolean;
  /**
   * When the site next closes (if open). An interval that closes at 24:00 and one
   * that opens at 00:00 the next day are one stretch: the site does not close at
   * midnight. Null when it stays open for the next 14 days (a site open around the clock).
   */
  closesAt: Date | null;
  /** When the site next opens (if closed), within the next 14 days. */
  opensAt: Date | null;
}

/** The site's local date at `now` and, if it is open then, the closing minute of the interval it is in. */
function openIntervalAt(hours: OpeningHours, timeZone: string, now: Date): { date: string; closes: number } | null {
  const { date, minutes } = zonedParts(now, timeZone);
  const interval = intervalsOn(hours, date).find((i) => minutes >= parseClock(i.opens) && minutes < parseClock(i.closes));
  return interval ? { date, closes: parseClock(interval.closes) } : null;
}

/** Whether the site is open at `now`: `openingState` without working out when it next closes (all a new ticket needs). */
export function isOpenAt(hours: OpeningHours, timeZone: string, now: Date): boolean {
  return openIntervalAt(hours, timeZone, now) !== null;
}

export function openingState(hours: OpeningHours, timeZone: string, now: Date): OpeningState {
  const open = openIntervalAt(hours, timeZone, now);
  if (open) return { open: true, closesAt: closingOfStretch(hours, timeZone, open.date, open.closes), opensAt: null };
  return { open: false, closesAt: null, opensAt: nextOpening(hours, timeZone, now) };
}

const MIDNIGHT = 24 * 60;

/** The close of the stretch that includes the interval closing at `closes` on `date`, following midnights. */
function closingOfStretch(hours: OpeningHours, timeZone: string, date: string, closes: number): Date | null {
  for (let d = 0; d < 14; d++) {
    if (closes < MIDNIGHT) return zonedInstant(date, closes, timeZone);
    date = addDays(date, 1);
    const first = intervalsOn(hours, date)[0];
    if (!first || parseClock(first.opens) !== 0) return zonedInstant(date, 0, timeZone);
    closes = parseClock(first.closes);
  }
  return null;
}

export function nextOpening(hours: OpeningHours, timeZone: string, now: Date): Date | null {
  const today = zonedParts(now, timeZone).date;
  for (let d = 0; d < 14; d++) {
    const date = addDays(today, d);
    for (const interval of intervalsOn(hours, date)) {
      const at = zonedInstant(date, parseClock(interval.opens), timeZone);
      if (at > now) return at;
    }
  }
  return null;
}

/** The last closing instant of a business date, or null when the site is closed that day. */
export function closingTime(hours: OpeningHours, timeZone: string, date: string): Date | null {
  const intervals = intervalsOn(hours, date);
  if (intervals.length === 0) return null;
  return zonedInstant(date, parseClock(intervals[intervals.length - 1].closes), timeZone);
}
