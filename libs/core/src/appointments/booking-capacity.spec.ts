import 'reflect-metadata';
import { Temporal } from 'temporal-polyfill';
import { bookingOpeningOn, planEntriesOn } from '@skranke/domain';
import type { AppointmentDay, Service } from '@skranke/persistence';
import { BookingCapacity, BookingSite } from './booking-capacity.service';

/**
 * A 62-day listing reuses a weekday's capacity on the days without an offset
 * change (docs/performance.md, "Booking"): every day of 2026, in zones
 * with DST at 02:00, at midnight and by half an hour, with an opening-hours
 * exception, a plan exception and day shares, gives what computing that day gives.
 */
const entries = (closes: string) => [
  { counterId: 'a', opens: '08:00', closes },
  { counterId: 'b', opens: '08:00', closes: '11:30' },
  { counterId: 'b', opens: '12:00', closes },
  { counterId: 'c', opens: '00:00', closes: '24:00' },
];

describe('BookingCapacity.day', () => {
  it.each(['Europe/Copenhagen', 'America/Santiago', 'Australia/Lord_Howe'])('a reused weekday equals the day computed on its own (%s)', (timezone) => {
    const capacity = new BookingCapacity(null as never, null as never);
    const site = {
      timezone,
      settings: {},
      openingHours: {
        weekly: {
          mon: [{ opens: '00:00', closes: '24:00' }], tue: [{ opens: '08:00', closes: '16:00' }], wed: [{ opens: '08:00', closes: '16:00' }],
          thu: [{ opens: '08:00', closes: '18:00' }], fri: [{ opens: '08:00', closes: '13:00' }], sun: [{ opens: '00:00', closes: '03:30' }],
        },
        exceptions: [{ date: '2026-05-05', intervals: [{ opens: '10:00', closes: '12:00' }] }],
      },
    };
    const plan = { weekly: { mon: entries('24:00'), tue: entries('16:00'), wed: entries('16:00'), thu: entries('18:00'), fri: entries('13:00'), sun: entries('03:30') }, exceptions: [{ date: '2026-06-10', entries: entries('12:00') }] };
    const counters = new Map([
      ['a', { id: 'a', seats: 1, serviceIds: ['s', 't'] }],
      ['b', { id: 'b', seats: 4, serviceIds: ['s'] }],
      ['c', { id: 'c', seats: 1, serviceIds: ['t', 's', 'u'] }],
    ]);
    const history = { arrivalsPerHour: (_: string, dow: number, hour: number) => ((dow * 7 + hour * 3) % 11) * 1.3, meanServiceMinutes: () => 12 };
    const services = [
      { id: 's', appointmentMinutes: 15, bookingShare: null, targetWaitMinutes: 15, serviceLevelPercent: 80 },
      { id: 's', appointmentMinutes: 40, bookingShare: 0.5, targetWaitMinutes: 15, serviceLevelPercent: 80 },
    ] as unknown as Service[];
    let days = 0;
    for (const service of services) {
      const ctx = { site, plan, counters, history } as unknown as BookingSite;
      for (let d = Temporal.PlainDate.from('2026-01-01'); Temporal.PlainDate.compare(d, Temporal.PlainDate.from('2026-12-31')) <= 0; d = d.add({ days: 1 })) {
        const date = d.toString();
        const row = d.day % 9 === 0 ? ({ share: 0.3, closedAt: null } as AppointmentDay) : undefined;
        const got = capacity.day(ctx, service, date, row);
        const alone = (capacity as unknown as { compute: (...a: unknown[]) => unknown }).compute(
          ctx, service, date, bookingOpeningOn(site.openingHours as never, date), planEntriesOn(plan, date), row?.share ?? service.bookingShare,
        );
        expect({ intervals: got.intervals, slots: got.slots }).toEqual(alone);
        days++;
      }
    }
    expect(days).toBe(2 * 365);
  });
});
