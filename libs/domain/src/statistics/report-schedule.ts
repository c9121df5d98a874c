import { Temporal } from 'temporal-polyfill';

export const REPORT_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** Scheduled reports go out at this local hour: before the day's first citizens, in the site's own time. */
export const REPORT_SEND_HOUR = 7;

/**
 * The next send after `after`, at 07:00 in the time zone: the next day (daily), the next Monday (weekly), the next
 * first of a month (monthly). Wall time, so the hour stays 07:00 across a change to or from summer time.
 */
export function nextReportRun(frequency: ReportFrequency, timeZone: string, after: Date): Date {
  const now = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(timeZone);
  let date = now.toPlainDate();
  const at = (d: Temporal.PlainDate) => d.toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from({ hour: REPORT_SEND_HOUR }) });
  // Today's send counts when it is still ahead.
  for (let i = 0; i < 40; i++) {
    const fits = frequency === 'daily' || (frequency === 'weekly' && date.dayOfWeek === 1) || (frequency === 'monthly' && date.day === 1);
    if (fits && Temporal.ZonedDateTime.compare(at(date), now) > 0) return new Date(at(date).epochMilliseconds);
    date = date.add({ days: 1 });
  }
  throw new Error('no send date within 40 days');
}

/** The closed period a send at `runAt` reports on: yesterday, last ISO week (Monday–Sunday) or last month, as dates. */
export function reportedPeriod(frequency: ReportFrequency, timeZone: string, runAt: Date): { from: string; to: string } {
  const today = Temporal.Instant.fromEpochMilliseconds(runAt.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  if (frequency === 'daily') {
    const d = today.subtract({ days: 1 }).toString();
    return { from: d, to: d };
  }
  if (frequency === 'weekly') {
    const monday = today.subtract({ days: today.dayOfWeek - 1 + 7 });
    return { from: monday.toString(), to: monday.add({ days: 6 }).toString() };
  }
  const first = today.with({ day: 1 }).subtract({ months: 1 });
  return { from: first.toString(), to: first.add({ months: 1 }).subtract({ days: 1 }).toString() };
}
