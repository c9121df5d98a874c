/** Free times: a slot's capacity less the bookings that overlap it. */
import { OpeningHours, OpeningInterval } from '../time/opening-hours';
import { weekdayOf } from '../time/zoned-time';
import type { CapacitySlot } from './capacity';
import { danishHoliday } from './holidays';

export interface BookedSpan {
  startsAt: number; // epoch ms
  endsAt: number;
  count: number;
}

export interface FreeSlot extends CapacitySlot {
  free: number;
}

/** Slots with room left (`spans` sorted by start). */
export function freeSlots(slots: readonly CapacitySlot[], spans: readonly BookedSpan[]): FreeSlot[] {
  const out: FreeSlot[] = [];
  // Slots come in time order (a day's grid): spans ended before a slot starts end before every later one too, so
  // the scan starts past them (a 62-day listing otherwise reads every earlier span for every slot).
  let first = 0;
  let previous = -Infinity;
  for (const slot of slots) {
    if (slot.startsAt < previous) first = 0; // not in order after all: scan from the start
    previous = slot.startsAt;
    while (first < spans.length && spans[first].endsAt <= slot.startsAt) first++;
    if (slot.capacity <= 0) continue;
    let used = 0;
    for (let i = first; i < spans.length; i++) {
      const span = spans[i];
      if (span.startsAt >= slot.endsAt) break;
      if (span.endsAt > slot.startsAt) used += span.count;
    }
    if (used < slot.capacity) out.push({ ...slot, free: slot.capacity - used });
  }
  return out;
}

/** The site's opening intervals on a date for booking: an exception rules; else closed on a Danish closed day; else the week. */
export function bookingOpeningOn(hours: OpeningHours, date: string): OpeningInterval[] {
  const exception = hours.exceptions?.find((e) => e.date === date);
  if (exception) return exception.intervals;
  if (danishHoliday(date)) return [];
  return hours.weekly[weekdayOf(date)] ?? [];
}

/** The earliest opening clock of the week: when the newest bookable day is released each day. */
export function releaseClock(hours: OpeningHours): string {
  const opens = Object.values(hours.weekly).flatMap((list) => (list ?? []).map((i) => i.opens));
  return opens.sort()[0] ?? '08:00';
}
