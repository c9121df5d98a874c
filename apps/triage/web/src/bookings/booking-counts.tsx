import { errorText, formatNumber } from '@skranke/web';
import { lang, serviceName, t } from '../common/texts';
import { BOOKING_STATUSES, type DayBooking, perService } from './day-bookings';

/** The supervisor's view of today's bookings: per service how many are booked, checked in, served, no-shows and cancelled. */
export function BookingCounts({ bookings, error, services }: { bookings: DayBooking[] | null; error: unknown; services: { serviceId: string; names: Record<string, string> }[] }) {
  const groups = bookings ? perService(bookings, services.map((s) => s.serviceId)) : [];
  const name = (id: string) => {
    const s = services.find((x) => x.serviceId === id);
    return s ? serviceName(s.names) : '';
  };
  return (
    <section class="booking-counts" aria-labelledby="booking-counts-title">
      <h2 id="booking-counts-title">{t('booking.today')}</h2>
      {error ? <p class="error" role="alert">{errorText(t, error)}</p> : null}
      {bookings && bookings.length === 0 ? <p class="muted">{t('booking.noneToday')}</p> : null}
      {groups.length ? (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('booking.service')}</th>
                {BOOKING_STATUSES.map((s) => (
                  <th scope="col" key={s}>{t(`booking.status.${s}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map(([serviceId, list]) => (
                <tr key={serviceId} data-service={serviceId}>
                  <th scope="row">{name(serviceId)}</th>
                  {BOOKING_STATUSES.map((s) => (
                    <td key={s} data-status={s}>{formatNumber(lang, list.filter((b) => b.status === s).length)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
