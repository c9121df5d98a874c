import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { IntervalContext, serviceDayCapacity } from './capacity';
import { BookedSpan, freeSlots } from './free-slots';

/**
 * The shortcuts that make a 62-day listing fast (docs/performance.md, "Booking")
 * give what the long way gives: an interval's weekday, hour and instant as its
 * ZonedDateTime says, on ordinary days, DST days and a day whose midnight is
 * skipped; the free-slot count as a full scan of the spans.
 */
const DAYS: [string, string][] = [
  ['Europe/Copenhagen', '2027-03-23'],
  ['Europe/Copenhagen', '2027-03-28'], // 23 hours
  ['Europe/Copenhagen', '2027-10-31'], // 25 hours
  ['America/Santiago', '2026-09-06'], // starts at 01:00
  ['Australia/Lord_Howe', '2026-10-04'], // a half-hour change
];

describe('capacity fast paths', () => {
  it.each(DAYS)("an interval's weekday, hour and instant agree with its start (%s %s)", (timeZone, date) => {
    const counters = new Map([['c', { id: 'c', seats: 1, serviceIds: ['s'] }]]);
    const seen: IntervalContext[] = [];
    serviceDayCapacity({
      date, timeZone, serviceId: 's', appointmentMinutes: 15, counters,
      opening: [{ opens: '00:00', closes: '24:00' }],
      entries: [{ counterId: 'c', opens: '00:00', closes: '24:00' }],
      share: (i) => (seen.push(i), 0.5),
    });
    expect(seen.length).toBeGreaterThan(80);
    for (const i of seen) {
      expect([i.startsAt, i.isoWeekday, i.hour]).toEqual([i.start.epochMilliseconds, i.start.dayOfWeek, i.start.hour]);
    }
    const first = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone });
    expect(seen[0].startsAt).toBe(first.epochMilliseconds);
  });

  it('free slots: the scan past ended spans counts what a full scan counts', () => {
    const naive = (slots: { startsAt: number; endsAt: number; capacity: number }[], spans: BookedSpan[]) =>
      slots.flatMap((slot) => {
        if (slot.capacity <= 0) return [];
        const used = spans.filter((s) => s.startsAt < slot.endsAt && s.endsAt > slot.startsAt).reduce((n, s) => n + s.count, 0);
        return used < slot.capacity ? [{ ...slot, free: slot.capacity - used }] : [];
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 40 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 250 }), length: fc.integer({ min: 1, max: 20 }), count: fc.integer({ min: 1, max: 2 }) }), { maxLength: 60 }),
        fc.boolean(),
        (length, capacities, raw, reversed) => {
          const slots = capacities.map((capacity, i) => ({ startsAt: i * length, endsAt: (i + 1) * length, capacity }));
          if (reversed) slots.reverse();
          const spans = raw.map((r) => ({ startsAt: r.at, endsAt: r.at + r.length, count: r.count })).sort((a, b) => a.startsAt - b.startsAt);
          expect(freeSlots(slots, spans)).toEqual(naive(slots, spans));
        },
      ),
      { numRuns: 500 },
    );
  });
});
