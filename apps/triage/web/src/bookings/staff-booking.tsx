import { useEffect, useState } from 'preact/hooks';
import { errorText, formatClock, formatNumber } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { lang, serviceName, t } from '../common/texts';

type Service = { id: string; names: Record<string, string> };
type Slot = { startsAt: string; endsAt: string };
type Day = { date: string; slots: Slot[] };
type Booked = { bookingCode: string; startsAt: string; serviceId: string };

const LOCALES: Record<string, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE' };
/** "mandag 22. marts": a site date said in full (the date is the site's, so formatted as UTC noon). */
export const dayText = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString(LOCALES[lang] ?? lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/**
 * Booking a time on a citizen's behalf (issue 19, item 8): service, day and
 * time as lists of buttons, each labelled in full; an optional mobile number or
 * e-mail for reminders; then the code, large, to read aloud or write down for a
 * citizen without a phone. No minimum notice applies to staff.
 */
export function StaffBooking({ ctx, onBooked }: { ctx: StaffContext; onBooked: () => void }) {
  const [services, setServices] = useState<Service[] | null>(null);
  const [service, setService] = useState<Service | null>(null);
  const [days, setDays] = useState<Day[] | null>(null);
  const [day, setDay] = useState<Day | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [contact, setContact] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [booked, setBooked] = useState<Booked | null>(null);
  const tz = ctx.site.timezone;

  useEffect(() => {
    ctx.api.GET('/api/v1/sites/{siteId}/services', { params: { path: { siteId: ctx.site.id } } }).then(
      (r) => setServices((r.data ?? []).filter((s) => s.active && s.bookable)),
      (e: unknown) => setProblem(errorText(t, e)),
    );
  }, []);

  const chooseService = async (s: Service) => {
    setService(s);
    setDay(null);
    setSlot(null);
    setDays(null);
    setProblem('');
    try {
      const { data } = await ctx.ticketingApi.GET('/api/v1/sites/{siteId}/appointments/slots', { params: { path: { siteId: ctx.site.id }, query: { serviceId: s.id } } });
      setDays((data?.days ?? []).filter((d) => d.slots.length > 0));
    } catch (e) {
      setProblem(errorText(t, e));
    }
  };
  const chooseSlot = (s: Slot) => (setSlot(s), setKey(crypto.randomUUID()), setProblem(''));
  const reset = () => (setService(null), setDays(null), setDay(null), setSlot(null), setContact(''), setBooked(null), setProblem(''));

  const book = async (ev: Event) => {
    ev.preventDefault();
    if (!service || !slot || busy) return;
    const value = contact.trim();
    const body = { serviceId: service.id, startsAt: slot.startsAt, language: lang === 'en' || lang === 'de' ? lang : 'da', ...(value ? { contact: value.includes('@') ? { email: value } : { phone: value } } : {}) } as const;
    setBusy(true);
    try {
      const { data } = await ctx.ticketingApi.POST('/api/v1/sites/{siteId}/appointments/book', { params: { path: { siteId: ctx.site.id }, header: { 'Idempotency-Key': key } }, body });
      setBooked(data!);
      onBooked();
    } catch (e) {
      setProblem(errorText(t, e));
      // A taken time: choose again from the times as they are now.
      if (service) void chooseService(service).then(() => setSlot(null));
    } finally {
      setBusy(false);
    }
  };

  const clock = (iso: string) => formatClock(lang, iso, tz);
  if (booked) {
    return (
      <section class="staff-booking" aria-labelledby="booking-title" data-step="booked">
        <h2 id="booking-title">{t('booking.title')}</h2>
        <p>{t('booking.codeIs')}</p>
        <p class="booking-code" data-testid="booking-code">{booked.bookingCode}</p>
        <p class="booking-summary">{t('booking.summary', { service: service ? serviceName(service.names) : '', day: dayText(booked.startsAt.slice(0, 10)), time: clock(booked.startsAt) })}</p>
        <p class="muted">{t('booking.readAloud')}</p>
        <button type="button" onClick={reset}>{t('booking.another')}</button>
      </section>
    );
  }
  return (
    <section class="staff-booking" aria-labelledby="booking-title" data-step={slot ? 'contact' : day ? 'time' : service ? 'day' : 'service'}>
      <h2 id="booking-title">{t('booking.title')}</h2>
      {services && services.length === 0 ? <p class="muted">{t('booking.noServices')}</p> : null}
      <h3 id="booking-service">{t('booking.chooseService')}</h3>
      <div class="choices" role="group" aria-labelledby="booking-service">
        {(services ?? []).map((s) => (
          <button type="button" key={s.id} class="secondary toggle" aria-pressed={service?.id === s.id} data-service={s.id} onClick={() => void chooseService(s)}>
            {serviceName(s.names)}
          </button>
        ))}
      </div>
      {service && days ? (
        <>
          <h3 id="booking-day">{t('booking.chooseDay')}</h3>
          {days.length === 0 ? <p class="muted">{t('booking.noTimes')}</p> : null}
          <div class="choices" role="group" aria-labelledby="booking-day">
            {days.map((d) => (
              <button type="button" key={d.date} class="secondary toggle" aria-pressed={day?.date === d.date} data-date={d.date} onClick={() => (setDay(d), setSlot(null))}>
                {t('booking.dayButton', { day: dayText(d.date), count: formatNumber(lang, d.slots.length) })}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {day ? (
        <>
          <h3 id="booking-time">{t('booking.chooseTime', { day: dayText(day.date) })}</h3>
          <div class="choices" role="group" aria-labelledby="booking-time">
            {day.slots.map((s) => (
              <button type="button" key={s.startsAt} class="secondary toggle" aria-pressed={slot?.startsAt === s.startsAt} data-starts-at={s.startsAt}
                aria-label={t('booking.timeLabel', { day: dayText(day.date), time: clock(s.startsAt) })} onClick={() => chooseSlot(s)}>
                {clock(s.startsAt)}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {slot && service && day ? (
        <form class="booking-contact" onSubmit={(ev) => void book(ev)}>
          <label for="booking-contact">{t('booking.contact')}</label>
          <input id="booking-contact" name="contact" autocomplete="off" maxLength={254} aria-describedby="booking-contact-hint" value={contact} onInput={(e) => setContact(e.currentTarget.value)} />
          <small id="booking-contact-hint" class="muted">{t('booking.contactHint')}</small>
          <button type="submit" class="book" disabled={busy}>
            {t('booking.book', { service: serviceName(service.names), day: dayText(day.date), time: clock(slot.startsAt) })}
          </button>
        </form>
      ) : null}
      {service ? <button type="button" class="secondary back" onClick={reset}>{t('booking.startOver')}</button> : null}
      <p class="status error" role="alert">{problem}</p>
    </section>
  );
}
