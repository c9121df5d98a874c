import { useEffect, useState } from 'preact/hooks';
import type { TicketingSchemas } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';

export type DayBooking = TicketingSchemas['schemas']['StaffAppointmentSchema'];
export type BookingStatus = DayBooking['status'];
export const BOOKING_STATUSES: BookingStatus[] = ['booked', 'checked-in', 'served', 'no-show', 'cancelled'];

/** Bookings change at the booking page and the kiosk too (no floor event): asked again every half minute. */
const REFRESH_MS = 30_000;

/**
 * The site's bookings of today (the site's date, the server's clock), every
 * status, from the ticketing app; again when `version` changes (a booking made here).
 */
export function useDayBookings(ctx: StaffContext, version = 0) {
  const [bookings, setBookings] = useState<DayBooking[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      ctx.ticketingApi.GET('/api/v1/sites/{siteId}/appointments', { params: { path: { siteId: ctx.site.id }, query: {} } }).then(
        (r) => live && (setBookings(r.data ?? []), setError(null)),
        (e: unknown) => live && setError(e),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [version]);
  return { bookings, error };
}

/** Bookings grouped per service, in the order of `serviceIds` (others after). */
export function perService(bookings: DayBooking[], serviceIds: string[]): [string, DayBooking[]][] {
  const groups = new Map<string, DayBooking[]>();
  for (const id of serviceIds) groups.set(id, []);
  for (const b of bookings) groups.set(b.serviceId, [...(groups.get(b.serviceId) ?? []), b]);
  return [...groups.entries()].filter(([, list]) => list.length > 0);
}
