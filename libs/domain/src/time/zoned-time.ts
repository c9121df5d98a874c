/**
 * Time-zone arithmetic on the platform's Intl data only, so the domain needs no
 * date library. A "business date" is the calendar date at the site, e.g. "2026-03-29".
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface ZonedParts {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
  weekday: Weekday;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The site's UTC offset (ms) during the minute starting at `minuteStart`: offsets
 * change only on whole minutes, so one Intl call per zone and minute serves every
 * instant in it (Intl's formatToParts is the slow part of a request's date work).
 */
const offsets = new Map<string, number>();

function offsetDuringMinute(minute: number, timeZone: string): number {
  const key = `${timeZone} ${minute}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(minute * 60_000))) parts[p.type] = p.value;
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMs = wall - minute * 60_000;
  if (offsets.size >= 10_000) offsets.clear();
  offsets.set(key, offsetMs);
  return offsetMs;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  const wall = new Date(ms + offsetDuringMinute(Math.floor(ms / 60_000), timeZone));
  // Whole seconds, as the wall clock shows them.
  const seconds = Math.floor(wall.getTime() / 1000) * 1000;
  const at = new Date(seconds);
  return {
    date: at.toISOString().slice(0, 10),
    minutes: at.getUTCHours() * 60 + at.getUTCMinutes() + at.getUTCSeconds() / 60,
    weekday: WEEKDAYS[(at.getUTCDay() + 6) % 7],
  };
}

export function businessDate(instant: Date, timeZone: string): string {
  return zonedParts(instant, timeZone).date;
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.parse(`${p.date}T00:00:00Z`) + Math.round(p.minutes * 60) * 1000;
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock at the site shows `date` `minutes`.
 * On a DST gap the result is the first valid instant after; on an overlap the earlier one.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60000;
  // The offsets in force half a day either side: DST changes are months apart, so these are the
  // only two candidates.
  const before = wall - offsetMinutes(new Date(wall - 12 * 3600_000), timeZone) * 60000;
  const after = wall - offsetMinutes(new Date(wall + 12 * 3600_000), timeZone) * 60000;
  const shows = (instant: number) => wall - instant === offsetMinutes(new Date(instant), timeZone) * 60000;
  // Both show the wall time on an overlap: take the earlier. Neither does in a gap: the offset
  // before the change lands just after the gap (02:30 on a spring-forward night → 03:30).
  const candidates = [before, after].sort((a, b) => a - b).filter(shows);
  return new Date(candidates[0] ?? before);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
}

/** "08:30" → 510. */
export function parseClock(clock: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock) ?? (clock === '24:00' ? ['', '24', '00'] : null);
  if (!m) throw new RangeError(`bad clock time ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
