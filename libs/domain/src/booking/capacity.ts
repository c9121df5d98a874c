/**
 * Booking capacity from the counter plan. For one service on one day:
 *   counter-minutes able to serve it (seats × minutes planned open, a counter's
 *   minutes split evenly between the services it serves, so two services can
 *   never both book the same minute) × the booking share = bookable minutes,
 * reported per 15-minute interval. Slots start at the service's first planned
 * opening and step by its appointment length in real minutes, so the spring-
 * forward gap is never offered and an autumn repeated hour is offered once per
 * real instant; after the clock changes, the grid goes on from the wall times
 * of any other day (13:20 stays 13:20). A time reaching into a break or past a
 * closing is not offered; the grid starts again where the service is served
 * again. A slot's capacity is how many bookings may start in it: the whole
 * appointments the stretch's cumulative bookable minutes reach by its end,
 * less those its earlier slots got. So a 40-minute case on one counter at
 * share 0.5 gets every other slot, and capacity is never made up; bookable
 * minutes after a stretch's last whole time stay with walk-ins
 * (capacity.spec.ts states this as properties).
 */
import { Temporal } from 'temporal-polyfill';
import type { OpeningInterval } from '../time/opening-hours';
import { parseClock } from '../time/zoned-time';
import type { CounterPlanEntry } from './counter-plan';

export interface CapacityCounter {
  id: string;
  seats: number;
  /** The active services this counter calls. */
  serviceIds: readonly string[];
}

export interface IntervalContext {
  /** The interval's start at the site (made when read: most callers need only the fields below). */
  readonly start: Temporal.ZonedDateTime;
  /** The same instant in epoch ms, and its weekday (ISO, 1 = Monday) and hour on the site's wall clock. */
  startsAt: number;
  isoWeekday: number;
  hour: number;
  /** Counters (seats) able to serve the service during the interval, as a fraction (counter-minutes / interval length). */
  servers: number;
}

export interface ServiceDayInput {
  date: string;
  timeZone: string;
  /** The site's opening intervals that day (none: closed). */
  opening: readonly OpeningInterval[];
  entries: readonly CounterPlanEntry[];
  counters: ReadonlyMap<string, CapacityCounter>;
  serviceId: string;
  appointmentMinutes: number;
  /** The booking share (0–1) of an interval. */
  share: (interval: IntervalContext) => number;
  intervalMinutes?: number;
}

export interface CapacityInterval {
  startsAt: number; // epoch ms
  endsAt: number;
  counterMinutes: number;
  servers: number;
  share: number;
  bookableMinutes: number;
}

export interface CapacitySlot {
  startsAt: number; // epoch ms
  endsAt: number;
  capacity: number;
}

export interface ServiceDayCapacity {
  intervals: CapacityInterval[];
  slots: CapacitySlot[];
}

const MINUTE = 60_000;
const EPSILON = 1e-9;

/** The instant the site's wall clock shows `clock` on `date` ("24:00" is the next midnight; a gap resolves forward). */
export function wallInstant(date: string, clock: string, timeZone: string): Temporal.ZonedDateTime {
  const minutes = parseClock(clock);
  const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minutes / 1440) });
  const time = new Temporal.PlainTime(Math.floor((minutes % 1440) / 60), minutes % 60);
  return day.toZonedDateTime({ timeZone, plainTime: time });
}

/** Wall-clock minutes of the overlap of [a, b) with the opening intervals. */
function clipToOpening(opens: number, closes: number, opening: readonly OpeningInterval[]): [number, number][] {
  const out: [number, number][] = [];
  for (const o of opening) {
    const from = Math.max(opens, parseClock(o.opens));
    const to = Math.min(closes, parseClock(o.closes));
    if (to > from) out.push([from, to]);
  }
  return out;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function serviceDayCapacity(input: ServiceDayInput): ServiceDayCapacity {
  const { date, timeZone, serviceId } = input;
  const step = input.intervalMinutes ?? 15;
  const dayStart = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone });
  const nextDay = dayStart.add({ days: 1 });
  const t0 = dayStart.epochMilliseconds;
  const dayMinutes = Math.round((nextDay.epochMilliseconds - t0) / MINUTE);
  // Zone work is the cost of a 62-day listing: each wall clock of the plan is resolved once per day,
  // not once per entry, and on a day without an offset change (all but two a year) minute i after
  // midnight is i on the wall clock, so an interval's weekday and hour need no zone arithmetic.
  const realMinutes = new Map<number, number>();
  const realMinute = (wall: number) => {
    let m = realMinutes.get(wall);
    if (m === undefined) {
      m = Math.round((wallInstant(date, clock(wall), timeZone).epochMilliseconds - t0) / MINUTE);
      realMinutes.set(wall, m);
    }
    return m;
  };
  // (A day whose midnight is skipped, as America/Santiago's in September, starts at 01:00: not steady.)
  const steady = dayMinutes === 1440 && dayStart.offsetNanoseconds === nextDay.offsetNanoseconds && dayStart.hour === 0 && dayStart.minute === 0;
  const weekday = dayStart.dayOfWeek;
  const intervalAt = (i: number, servers: number): IntervalContext => {
    if (!steady) {
      const start = dayStart.add({ minutes: i });
      return { start, startsAt: start.epochMilliseconds, isoWeekday: start.dayOfWeek, hour: start.hour, servers };
    }
    return { get start() { return dayStart.add({ minutes: i }); }, startsAt: t0 + i * MINUTE, isoWeekday: weekday, hour: Math.floor(i / 60), servers };
  };
  // Seat-minutes able to serve the service, per real minute of the day.
  const rate = new Float64Array(dayMinutes);
  let first = Infinity;
  let last = -Infinity;
  for (const entry of input.entries) {
    const counter = input.counters.get(entry.counterId);
    if (!counter || !counter.serviceIds.includes(serviceId)) continue;
    const weight = counter.seats / counter.serviceIds.length;
    for (const [from, to] of clipToOpening(parseClock(entry.opens), parseClock(entry.closes), input.opening)) {
      const a = realMinute(from);
      const b = Math.min(dayMinutes, realMinute(to));
      for (let m = Math.max(0, a); m < b; m++) rate[m] += weight;
      if (b > a) {
        first = Math.min(first, a);
        last = Math.max(last, b);
      }
    }
  }
  if (first === Infinity) return { intervals: [], slots: [] };
  // Bookable minutes per real minute, with the share of the interval it is in.
  const bookable = new Float64Array(dayMinutes);
  const intervals: CapacityInterval[] = [];
  for (let i = Math.floor(first / step) * step; i < last; i += step) {
    let counterMinutes = 0;
    for (let m = i; m < Math.min(i + step, dayMinutes); m++) counterMinutes += rate[m];
    const servers = counterMinutes / step;
    const share = counterMinutes > 0 ? clampShare(input.share(intervalAt(i, servers))) : 0;
    for (let m = i; m < Math.min(i + step, dayMinutes); m++) bookable[m] = rate[m] * share;
    intervals.push({ startsAt: t0 + i * MINUTE, endsAt: t0 + (i + step) * MINUTE, counterMinutes, servers, share, bookableMinutes: counterMinutes * share });
  }
  const cumulative = new Float64Array(dayMinutes + 1);
  for (let m = 0; m < dayMinutes; m++) cumulative[m + 1] = cumulative[m] + bookable[m];
  const length = input.appointmentMinutes;
  // Bookable minutes before the current stretch of service: a stretch's times take only its own.
  let base = 0;
  const whole = (m: number) => Math.floor((cumulative[m] - base) / length + EPSILON);
  const slots: CapacitySlot[] = [];
  const wallOf = wallMinuteOf(dayStart, dayMinutes);
  // Appointments given to earlier slots of the stretch: what a slot may hold is what the bookable minutes reach by its end, less these.
  let given = 0;
  // Where the grid started (the first opening, or a reopening after a break).
  let anchor = first;
  for (let s = first; s + length <= last; ) {
    if (wallOf.shiftAt <= s && anchor < wallOf.shiftAt) {
      // The clock changed since the grid started: go on from the wall times of any other day, so an
      // afternoon time is 13:20 as always, not 13:40 (the gap and the repeated hour are real minutes still).
      s += mod(wallOf(anchor) - wallOf(s), length);
      anchor = s;
      continue;
    }
    // A time must be served for all of its minutes: one reaching into a break or past a closing is not offered,
    // and the grid starts again where the service is served again (its bookable minutes carry over).
    let gap = s;
    while (gap < s + length && rate[gap] > 0) gap++;
    if (gap < s + length) {
      s = gap + 1;
      while (s < last && rate[s] <= 0) s++;
      // A new stretch: what the last one could not fit into a whole time stays walk-in time, so a plan
      // in short pieces cannot pile its minutes onto the next time that fits.
      anchor = s;
      base = cumulative[s];
      given = 0;
      continue;
    }
    const capacity = whole(s + length) - given;
    given += capacity;
    slots.push({ startsAt: t0 + s * MINUTE, endsAt: t0 + (s + length) * MINUTE, capacity });
    s += length;
  }
  return { intervals, slots };
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * The wall-clock minute (from the day's first) of each real minute of the day,
 * and the real minute the clock changes at (Infinity on a day of 24 hours).
 */
function wallMinuteOf(dayStart: Temporal.ZonedDateTime, dayMinutes: number): ((m: number) => number) & { shiftAt: number } {
  let shiftAt = Infinity;
  let shift = 0;
  if (dayMinutes !== 1440) {
    const change = dayStart.getTimeZoneTransition('next');
    if (change && change.epochMilliseconds < dayStart.epochMilliseconds + dayMinutes * MINUTE) {
      shiftAt = Math.round((change.epochMilliseconds - dayStart.epochMilliseconds) / MINUTE);
      shift = Math.round((change.offsetNanoseconds - dayStart.offsetNanoseconds) / 60e9);
    }
  }
  return Object.assign((m: number) => m + (m >= shiftAt ? shift : 0), { shiftAt });
}

function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}
