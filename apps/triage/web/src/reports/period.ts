import { locale } from '@skranke/web';

export type QuickPeriod = 'thisMonth' | 'lastMonth' | 'thisYear' | 'last12Months';
export const QUICK_PERIODS: QuickPeriod[] = ['thisMonth', 'lastMonth', 'thisYear', 'last12Months'];

const pad = (n: number) => String(n).padStart(2, '0');
/** A calendar date as the API takes it (YYYY-MM-DD), from the browser's own calendar. */
export const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The quick choices of the period, up to today (a month or year not over yet ends today). */
export function quickPeriod(kind: QuickPeriod, today = new Date()): { from: string; to: string } {
  const y = today.getFullYear();
  const m = today.getMonth();
  switch (kind) {
    case 'thisMonth':
      return { from: isoDate(new Date(y, m, 1)), to: isoDate(today) };
    case 'lastMonth':
      return { from: isoDate(new Date(y, m - 1, 1)), to: isoDate(new Date(y, m, 0)) };
    case 'thisYear':
      return { from: isoDate(new Date(y, 0, 1)), to: isoDate(today) };
    case 'last12Months':
      // Whole months: the month eleven months back from its first day, so a monthly report has twelve bars.
      return { from: isoDate(new Date(y, m - 11, 1)), to: isoDate(today) };
  }
}

/** A calendar date (YYYY-MM-DD) written the language's way: Danish "15. feb. 2027". */
export function dayLabel(lang: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A period or time-of-day label of the API written the language's way: a day as a date, an ISO week
 * (2026-W10) as "uge 10 2026", a month by its name, clock times with the language's separator
 * (Danish 08.00). Anything else (a future report's label) as it came.
 */
export function periodLabel(lang: string, value: string, weekText: (week: number, year: number) => string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayLabel(lang, value);
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (week) return weekText(+week[2], +week[1]);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const d = new Date(Date.UTC(+month[1], +month[2] - 1, 1));
    return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return lang === 'da' ? value.replace(/\b(\d{2}):(\d{2})\b/g, '$1.$2') : value;
}

/** Short weekday names in the language, Monday first (the heat map's columns). */
export function weekdayNames(lang: string): string[] {
  // 2024-01-01 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((i) =>
    new Intl.DateTimeFormat(locale(lang), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );
}
