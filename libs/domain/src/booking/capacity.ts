/**
 * Booking capacity from the counter plan. For one service on one day:
 *   counter-minutes able to serve it (seats × minutes planned open, a counter's
 *   minutes split evenly between the services it serves, so two services can
 *   never both book the same minute) × the booking share = bookable minutes,
 * reported per 15-minute interval. Slots start at the service's first planned
 * opening and step by its appointment length in real minutes, so the spring-
 * forward gap is never offered and an autumn repeated hour is offered once per
 * real instant. A slot's capacity is how many bookings may start in it: the
 * whole appointments the cumulative bookable minutes reach by its end, less
 * those reached by its start. So a 40-minute case on one counter at share 0.5
 * gets every other slot, and capacity is never rounded away or made up.
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
  const whole = (m: number) => Math.floor(cumulative[m] / length + EPSILON);
  const slots: CapacitySlot[] = [];
  for (let s = first; s + length <= last; s += length) {
    slots.push({ startsAt: t0 + s * MINUTE, endsAt: t0 + (s + length) * MINUTE, capacity: whole(s + length) - whole(s) });
  }
  return { intervals, slots };
}

function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}
