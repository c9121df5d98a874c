import { ApiError, h } from '@skranke/web';
import { tr } from '../languages';

type T = ReturnType<typeof tr>;

export function appointmentForm(t: T, submit: (code: string) => void, back: () => void) {
  const input = h('input', { id: 'booking-code', name: 'bookingCode', autocomplete: 'off', autocapitalize: 'characters', maxlength: 12, required: true });
  const form = h(
    'form',
    { class: 'appointment', 'data-screen': 'appointment' },
    h('h1', {}, t('kiosk.appointment')),
    h('label', { for: 'booking-code' }, t('kiosk.bookingCode')),
    input,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('kiosk.checkIn')), h('button', { type: 'button', class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(input.value.trim());
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

/** Too early, too late, or unknown: said plainly, with a walk-in ticket offered. */
export function checkInProblem(err: unknown, t: T, walkIn: () => void, back: () => void) {
  const code = err instanceof ApiError ? err.code : 'error';
  const from = err instanceof ApiError ? /(\d+) minutes before/.exec(err.message) : null;
  const text =
    code === 'appointment_too_early'
      ? t('kiosk.tooEarly', { minutes: from ? from[1] : '30' })
      : code === 'appointment_too_late'
        ? t('kiosk.tooLate')
        : code === 'appointment_not_found'
          ? t('kiosk.notFound')
          : t('kiosk.error');
  return h(
    'section',
    { class: 'warning', 'data-screen': 'check-in-problem', 'data-code': code, role: 'alert' },
    h('h1', {}, text),
    h('div', { class: 'actions' }, h('button', { class: 'walk-in', onclick: walkIn }, t('kiosk.walkIn')), h('button', { class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
}
