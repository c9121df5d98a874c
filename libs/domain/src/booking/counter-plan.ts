/**
 * The counter plan: which counters are planned open when, per weekday, with
 * dated exceptions. Booking capacity is read from it (capacity.ts).
 */
import { invalid } from '../errors';
import { isCalendarDate } from '../time/calendar-date';
import { WEEKDAYS, Weekday, parseClock, weekdayOf } from '../time/zoned-time';

export interface CounterPlanEntry {
  counterId: string;
  opens: string; // "08:00"
  closes: string; // "16:00" (or "24:00")
}

export interface CounterPlanException {
  date: string; // YYYY-MM-DD at the site
  entries: CounterPlanEntry[]; // empty: no counter planned that day
}

export interface CounterPlan {
  weekly: Partial<Record<Weekday, CounterPlanEntry[]>>;
  exceptions?: CounterPlanException[];
}

export const EMPTY_COUNTER_PLAN: CounterPlan = { weekly: {}, exceptions: [] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a plan as sent; throws a 400 `invalid_counter_plan` naming the first
 * problem. `counterIds` are the site's counters: an entry for another is refused.
 */
export function validateCounterPlan(plan: unknown, counterIds: ReadonlySet<string>): CounterPlan {
  const bad = (why: string) => invalid('invalid_counter_plan', why);
  if (!plan || typeof plan !== 'object' || Array.isArray(plan)) throw bad('The plan must be an object with "weekly".');
  const { weekly, exceptions } = plan as CounterPlan;
  if (!weekly || typeof weekly !== 'object' || Array.isArray(weekly)) throw bad('weekly must be an object keyed mon…sun.');
  const checkEntries = (list: unknown, where: string): CounterPlanEntry[] => {
    if (!Array.isArray(list)) throw bad(`${where} must be a list of {counterId, opens, closes}.`);
    if (list.length > 500) throw bad(`${where} has too many entries.`);
    const byCounter = new Map<string, [number, number][]>();
    return list.map((entry: CounterPlanEntry, i) => {
      if (!entry || typeof entry !== 'object') throw bad(`${where}[${i}] must be an object.`);
      const { counterId, opens, closes } = entry;
      if (typeof counterId !== 'string' || !UUID.test(counterId) || !counterIds.has(counterId)) {
        throw bad(`${where}[${i}].counterId is not a counter of this site.`);
      }
      let from: number, to: number;
      try {
        from = parseClock(opens);
        to = parseClock(closes);
      } catch {
        throw bad(`${where}[${i}]: times must be "HH:MM".`);
      }
      if (to <= from) throw bad(`${where}[${i}]: closes must be after opens.`);
      const taken = byCounter.get(counterId) ?? [];
      if (taken.some(([a, b]) => from < b && a < to)) throw bad(`${where}[${i}] overlaps another entry of the same counter.`);
      byCounter.set(counterId, [...taken, [from, to]]);
      return { counterId, opens, closes };
    });
  };
  const checkedWeekly: CounterPlan['weekly'] = {};
  for (const key of Object.keys(weekly)) {
    if (!WEEKDAYS.includes(key as Weekday)) throw bad(`weekly has an unknown day "${key}".`);
    checkedWeekly[key as Weekday] = checkEntries(weekly[key as Weekday], `weekly.${key}`);
  }
  const checkedExceptions: CounterPlanException[] = [];
  if (exceptions !== undefined) {
    if (!Array.isArray(exceptions) || exceptions.length > 400) throw bad('exceptions must be a list (at most 400).');
    const seen = new Set<string>();
    for (const e of exceptions) {
      if (!e || !isCalendarDate(e.date)) throw bad('Each exception needs a real date "YYYY-MM-DD".');
      if (seen.has(e.date)) throw bad(`Two exceptions for ${e.date}.`);
      seen.add(e.date);
      checkedExceptions.push({ date: e.date, entries: checkEntries(e.entries, `exception ${e.date}`) });
    }
  }
  return { weekly: checkedWeekly, exceptions: checkedExceptions };
}

export function planEntriesOn(plan: CounterPlan, date: string): CounterPlanEntry[] {
  const exception = plan.exceptions?.find((e) => e.date === date);
  return exception ? exception.entries : (plan.weekly[weekdayOf(date)] ?? []);
}
