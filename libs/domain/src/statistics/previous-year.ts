import { Temporal } from 'temporal-polyfill';
import type { Interval } from './catalogue';

/**
 * Period over period (issue 21 item 3): "this week against the same week last year". By month: the same dates one
 * year earlier (29 February → 28 February). By week and day: aligned by ISO week and weekday, so a Monday of week
 * 44 meets the Monday of week 44 a year before (a weekday meets a weekday; 52 or 53 weeks back as the earlier ISO
 * year has them). Week 53 has no earlier match when the earlier year has 52 weeks: no earlier figures for it.
 */

const weeksIn = (isoYear: number) => Temporal.PlainDate.from({ year: isoYear, month: 12, day: 28 }).weekOfYear!;

function isoParts(date: Temporal.PlainDate) {
  return { year: date.yearOfWeek!, week: date.weekOfYear!, day: date.dayOfWeek };
}

/** The Monday of an ISO week. */
function mondayOf(isoYear: number, week: number): Temporal.PlainDate {
  const jan4 = Temporal.PlainDate.from({ year: isoYear, month: 1, day: 4 });
  return jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: week - 1 });
}

/** The date a year earlier that a business date is compared with; null when there is none (week 53). */
export function previousYearDate(date: string, interval: Interval): string | null {
  const d = Temporal.PlainDate.from(date);
  if (interval === 'month') return d.subtract({ years: 1 }).toString();
  const { year, week, day } = isoParts(d);
  if (week > weeksIn(year - 1)) return null;
  return mondayOf(year - 1, week)
    .add({ days: day - 1 })
    .toString();
}

/** The earlier range to query: each end aligned (an end in week 53 is taken 53 weeks back, to stay in range). */
export function previousYearRange(from: string, to: string, interval: Interval): { from: string; to: string } {
  const back = (date: string) => previousYearDate(date, interval) ?? Temporal.PlainDate.from(date).subtract({ weeks: 53 }).toString();
  return { from: back(from), to: back(to) };
}

/** The label of the earlier period a row's period label is compared with (2026-W44 → 2025-W44, 2026-03 → 2025-03). */
export function previousYearPeriod(label: string, interval: Interval): string | null {
  if (interval === 'month') return `${String(Number(label.slice(0, 4)) - 1).padStart(4, '0')}${label.slice(4)}`;
  if (interval === 'week') {
    const year = Number(label.slice(0, 4));
    const week = Number(label.slice(6));
    return week > weeksIn(year - 1) ? null : `${year - 1}-W${String(week).padStart(2, '0')}`;
  }
  return previousYearDate(label.slice(0, 10), interval);
}
