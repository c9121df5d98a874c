import type { OpeningHours } from './types';
import { WEEKDAYS, type Weekday } from './types';

type Interval = { opens: string; closes: string };

/** The hours editor's form: each weekday and each exception's intervals as text ("08:00-12:00, 13:00-17:00"). */
export interface HoursDraft {
  weekly: Record<Weekday, string>;
  exceptions: { key: number; date: string; closed: boolean; intervals: string; reason: string }[];
}

let nextKey = 0;
export const newException = (): HoursDraft['exceptions'][number] => ({ key: ++nextKey, date: '', closed: true, intervals: '', reason: '' });

export const formatIntervals = (list: Interval[] = []) => list.map((i) => `${i.opens}-${i.closes}`).join(', ');

export function hoursDraft(hours: OpeningHours): HoursDraft {
  return {
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, formatIntervals(hours.weekly[d])])) as Record<Weekday, string>,
    exceptions: (hours.exceptions ?? []).map((e) => ({ ...newException(), date: e.date, closed: e.intervals.length === 0, intervals: formatIntervals(e.intervals), reason: e.reason ?? '' })),
  };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

/** Intervals from text, or the key of what is wrong with it (checked here so the reason is in the page's language). */
export function parseIntervals(text: string): Interval[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const list: Interval[] = [];
  for (const part of parts) {
    const [opens = '', closes = '', extra] = part.split(/\s*[-–]\s*/);
    const pad = (c: string) => (/^\d:\d\d$/.test(c) ? `0${c}` : c);
    const interval = { opens: pad(opens), closes: pad(closes) };
    if (extra !== undefined || !CLOCK.test(interval.opens) || !CLOCK.test(interval.closes)) return 'invalid.intervalFormat';
    if (minutes(interval.closes) <= minutes(interval.opens)) return 'invalid.closesBeforeOpens';
    if (list.length && minutes(interval.opens) < minutes(list[list.length - 1].closes)) return 'invalid.intervalOrder';
    list.push(interval);
  }
  return list;
}

/** The draft as the API takes it, or the problems by field name (hours-<day>, exception-<key>-date|intervals). */
export function readHours(draft: HoursDraft): { hours: OpeningHours } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const weekly: OpeningHours['weekly'] = {};
  for (const d of WEEKDAYS) {
    const parsed = parseIntervals(draft.weekly[d]);
    if (typeof parsed === 'string') problems[`hours-${d}`] = parsed;
    else weekly[d] = parsed;
  }
  const seen = new Set<string>();
  const exceptions = draft.exceptions.map((e) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) problems[`exception-${e.key}-date`] = 'invalid.date';
    else if (seen.has(e.date)) problems[`exception-${e.key}-date`] = 'invalid.dateTwice';
    seen.add(e.date);
    const parsed = e.closed ? [] : parseIntervals(e.intervals);
    if (typeof parsed === 'string') problems[`exception-${e.key}-intervals`] = parsed;
    else if (!e.closed && parsed.length === 0) problems[`exception-${e.key}-intervals`] = 'invalid.intervalFormat';
    const reason = e.reason.trim();
    return { date: e.date, intervals: typeof parsed === 'string' ? [] : parsed, ...(reason ? { reason } : {}) };
  });
  return Object.keys(problems).length ? { problems } : { hours: { weekly, exceptions } };
}
