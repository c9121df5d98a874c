import { errorText, formatClock, formatNumber } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { lang, serviceName, t } from '../common/texts';
import { type DayBooking, perService } from './day-bookings';

/** Today's bookings per service on the floor tablet: time, code and status, to greet and check in those who come. */
export function DayBookingList({ ctx, bookings, error, services }: { ctx: StaffContext; bookings: DayBooking[] | null; error: unknown; services: { serviceId: string; names: Record<string, string> }[] }) {
  const name = (id: string) => {
    const s = services.find((x) => x.serviceId === id);
    return s ? serviceName(s.names) : '';
  };
  const groups = bookings ? perService(bookings, services.map((s) => s.serviceId)) : [];
  return (
    <section class="day-bookings" aria-labelledby="day-bookings-title">
      <h2 id="day-bookings-title">{t('booking.today')}</h2>
      {error ? <p class="error" role="alert">{errorText(t, error)}</p> : null}
      {bookings && bookings.length === 0 ? <p class="muted">{t('booking.noneToday')}</p> : null}
      {groups.map(([serviceId, list]) => (
        <div key={serviceId} data-service={serviceId}>
          <h3>{t('booking.serviceCount', { service: name(serviceId), count: formatNumber(lang, list.length) })}</h3>
          <ul>
            {list.map((b) => (
              <li key={b.id} data-code={b.bookingCode} data-status={b.status} class={`booking status-${b.status}`}>
                <span class="booking-time">{formatClock(lang, b.startsAt, ctx.site.timezone)}</span>
                <span class="code">{b.bookingCode}</span>
                <span class="badge">{t(`booking.status.${b.status}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
