import { h, waitText } from '@skranke/web';
import { tr } from '../languages';
import type { FreeTime, KioskBooking, KioskService, NextFree } from './kiosk-api';

type T = ReturnType<typeof tr>;
const LOCALES: Record<string, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE' };

/**
 * A free time's wall clock at the site. Times carry the site's offset
 * (2027-03-29T14:30:00+02:00), so the digits are the site's time: formatted in
 * the kiosk's language as if UTC, whatever zone the kiosk's own clock is in.
 */
function wallClock(iso: string): Date {
  return new Date(`${iso.slice(0, 16)}:00Z`);
}

export function timeText(iso: string, lang: string): string {
  return wallClock(iso).toLocaleTimeString(LOCALES[lang] ?? lang, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
}

/** "today 14.30", "tomorrow 09.00" or "Monday 29 March 09.00": the day said in words, the time in the kiosk's language. */
export function whenText(time: FreeTime, today: string, t: T, lang: string): string {
  const date = time.startsAt.slice(0, 10);
  const clock = timeText(time.startsAt, lang);
  if (date === today) return t('kiosk.nextFree.todayAt', { time: clock });
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (date === tomorrow) return t('kiosk.nextFree.tomorrowAt', { time: clock });
  const day = wallClock(time.startsAt).toLocaleDateString(LOCALES[lang] ?? lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return t('kiosk.nextFree.dayAt', { day, time: clock });
}

/**
 * The service's choice when a walk-in ticket is a poor deal (long wait, or not
 * reached before closing): "take a number" beside the next free booked time
 * today and on the next day. One tap on a time, then a confirmation.
 */
export function offerView(o: { service: KioskService; name: string; offer: NextFree; closingTime: string | null; lang: string }, take: () => void, choose: (time: FreeTime) => void, back: () => void) {
  const { service, name, offer, lang } = o;
  const today = offer.date;
  const t = tr(lang);
  const why =
    offer.reason === 'not-before-closing' && o.closingTime
      ? t('kiosk.closingWarning', { time: o.closingTime })
      : service.estimatedWait
        ? t('kiosk.nextFree.longWait', { wait: waitText(t, service.estimatedWait).text })
        : t('kiosk.nextFree.longWaitNoEstimate');
  const times = [offer.today, offer.tomorrow].filter((x): x is FreeTime => !!x);
  return h(
    'section',
    { class: 'offer', 'data-screen': 'next-free', 'data-reason': offer.reason ?? '' },
    h('h1', {}, name),
    h('p', { class: 'why' }, why),
    h('p', {}, t('kiosk.nextFree.intro')),
    h(
      'div',
      { class: 'offer-choices' },
      h('button', { class: 'take-number secondary', onclick: take }, offer.reason === 'not-before-closing' ? t('kiosk.takeAnyway') : t('kiosk.nextFree.takeNumber')),
      times.map((time) =>
        h(
          'button',
          { class: 'free-time', 'data-starts-at': time.startsAt, 'data-day': time.startsAt.slice(0, 10) === today ? 'today' : 'later', onclick: () => choose(time) },
          t('kiosk.nextFree.button', { when: whenText(time, today, t, lang) }),
        ),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
}

/** The second tap: what is booked, said in full, and that the citizen gets a code to check in with. */
export function confirmView(name: string, time: FreeTime, today: string, lang: string, confirm: () => void, back: () => void) {
  const t = tr(lang);
  return h(
    'section',
    { class: 'offer', 'data-screen': 'confirm-booking' },
    h('h1', {}, t('kiosk.nextFree.confirmTitle')),
    h('p', { class: 'booking-what' }, name),
    h('p', { class: 'booking-when' }, whenText(time, today, t, lang)),
    h('p', {}, t('kiosk.nextFree.confirmHint')),
    h('div', { class: 'actions' }, h('button', { class: 'confirm', onclick: confirm }, t('kiosk.nextFree.confirm')), h('button', { class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
}

/** The booked time: the code large (to check in with later), the time, and whether a receipt is printing or the code should be noted. */
export function bookedView(booking: KioskBooking, name: string, today: string, lang: string, done: () => void) {
  const t = tr(lang);
  return h(
    'section',
    { class: 'ticket booked', 'data-screen': 'booked' },
    h('h1', { class: 'label' }, t('kiosk.nextFree.yourCode')),
    h('p', { class: 'number booking-code', 'data-code': booking.bookingCode }, booking.bookingCode),
    h('p', { class: 'service' }, name),
    h('p', { class: 'booking-when' }, whenText(booking, today, t, lang)),
    h('p', {}, t('kiosk.nextFree.checkInLater', { button: t('kiosk.appointment') })),
    h('p', { class: 'receipt', role: 'status' }, booking.printStatus === 'pending' ? t('kiosk.nextFree.printing') : t('kiosk.nextFree.noteCode')),
    h('div', { class: 'actions' }, h('button', { onclick: done }, t('kiosk.done'))),
  );
}
