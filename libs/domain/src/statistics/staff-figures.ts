import { Temporal } from 'temporal-polyfill';
import { invalid, ruleBroken } from '../errors';
import { containsCprNumber } from '../privacy/cpr';
import { isCalendarDate } from '../time/calendar-date';

/**
 * Per-person figures are a kontrolforanstaltning under the Danish Samarbejdsaftale: staff must be told
 * (purpose and start) at least six weeks before they begin. A site's notice, as stored in its settings.
 */
export interface StaffFiguresNotice {
  /** Why the site uses per-person figures, as told to the staff (20–500 characters, never a CPR number). */
  purpose: string;
  /** The first day (site's calendar) per-person figures are shown and cover. */
  startsOn: string;
  /** The day the notice was given (the site's calendar), i.e. when it was last saved with a new notice. */
  noticeGivenOn: string;
}

export const STAFF_FIGURES_NOTICE_DAYS = 42;
/** A team's figures are shown only when at least this many persons make them up. */
export const STAFF_FIGURES_MIN_TEAM = 5;

/** The body of `PUT /sites/:siteId/staff-figures` checked: 400 for anything malformed. */
export function parseStaffFiguresInput(body: unknown): { purpose: string; startsOn: string } {
  const b = body as { purpose?: unknown; startsOn?: unknown } | null;
  if (!b || typeof b !== 'object' || Array.isArray(b) || Object.keys(b).some((k) => k !== 'purpose' && k !== 'startsOn')) {
    throw invalid('invalid_staff_figures', 'Send {purpose, startsOn}.');
  }
  const purpose = typeof b.purpose === 'string' ? b.purpose.trim() : '';
  if (purpose.length < 20 || purpose.length > 500) {
    throw invalid('invalid_staff_figures', 'purpose must say why per-person figures are used, in 20–500 characters.', { min: 20, max: 500 });
  }
  if (containsCprNumber(purpose)) throw invalid('cpr_not_allowed', 'A CPR number may not be stored.');
  if (!isCalendarDate(b.startsOn)) throw invalid('invalid_staff_figures', 'startsOn must be a real date YYYY-MM-DD.');
  return { purpose, startsOn: b.startsOn };
}

/**
 * The notice rule. A new notice (switching on, changing the purpose, or moving the start earlier) must
 * start at least 42 days after today; moving the start later under the same purpose keeps the notice given
 * (staff were told of an earlier start already), and so does saving the same notice again.
 */
export function nextStaffFiguresNotice(
  today: string,
  current: StaffFiguresNotice | undefined,
  input: { purpose: string; startsOn: string },
): StaffFiguresNotice {
  const order = (a: string, b: string) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
  if (current && current.purpose === input.purpose && order(input.startsOn, current.startsOn) >= 0) {
    return { ...current, startsOn: input.startsOn };
  }
  const earliest = Temporal.PlainDate.from(today).add({ days: STAFF_FIGURES_NOTICE_DAYS }).toString();
  if (order(input.startsOn, earliest) < 0) {
    throw ruleBroken(
      'staff_figures_notice_too_short',
      `Per-person figures need six weeks' notice: startsOn must be ${earliest} or later.`,
      { earliest, noticeDays: STAFF_FIGURES_NOTICE_DAYS },
    );
  }
  return { purpose: input.purpose, startsOn: input.startsOn, noticeGivenOn: today };
}

/** Whether per-person figures are shown today. */
export function staffFiguresOn(notice: StaffFiguresNotice | undefined, today: string): boolean {
  return !!notice && notice.startsOn <= today;
}
