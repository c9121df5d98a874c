import { type TriageSchemas, daysBetween } from '@skranke/web';

/** A site's notice of per-person figures, as its settings hold it (absent: off). */
export type StaffFiguresNotice = TriageSchemas['schemas']['StaffFiguresSettingSchema'];

/** Six weeks: the notice of a kontrolforanstaltning (the server's STAFF_FIGURES_NOTICE_DAYS decides; this only guides the form). */
export const NOTICE_DAYS = 42;

export type NoticeState =
  { kind: 'off' } | { kind: 'announced'; notice: StaffFiguresNotice; days: number } | { kind: 'on'; notice: StaffFiguresNotice };

/** Off (no notice), announced (its start still ahead, in whole days) or on (the start has come), as the server decides it. */
export function noticeState(notice: StaffFiguresNotice | null | undefined, today: string): NoticeState {
  if (!notice) return { kind: 'off' };
  return notice.startsOn > today ? { kind: 'announced', notice, days: daysBetween(today, notice.startsOn) } : { kind: 'on', notice };
}
