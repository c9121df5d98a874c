import type { TriageSchemas } from '@skranke/web';

/** A site's notice of per-person figures, as its settings hold it (absent: off). */
export type StaffFiguresNotice = TriageSchemas['schemas']['StaffFiguresSettingSchema'];

/** Six weeks: the notice of a kontrolforanstaltning (the server's STAFF_FIGURES_NOTICE_DAYS decides; this only guides the form). */
export const NOTICE_DAYS = 42;

/** Today in the site's time zone (YYYY-MM-DD): the server counts the notice from the site's calendar, not the browser's. */
export function siteToday(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const utc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

export const addDays = (date: string, days: number) => new Date(utc(date) + days * 86_400_000).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / 86_400_000);

export type NoticeState =
  { kind: 'off' } | { kind: 'announced'; notice: StaffFiguresNotice; days: number } | { kind: 'on'; notice: StaffFiguresNotice };

/** Off (no notice), announced (its start still ahead, in whole days) or on (the start has come), as the server decides it. */
export function noticeState(notice: StaffFiguresNotice | null | undefined, today: string): NoticeState {
  if (!notice) return { kind: 'off' };
  return notice.startsOn > today ? { kind: 'announced', notice, days: daysBetween(today, notice.startsOn) } : { kind: 'on', notice };
}
