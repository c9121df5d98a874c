import { ApiError, errorText, h } from '@skranke/web';
import { tr } from '../languages';

type T = ReturnType<typeof tr>;

/** Booking codes are letters and digits (API.md: 4 to 12); generated ones avoid 0/O and 1/I, but a booking system may send any. */
const DIGITS = '1234567890'.split('');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const MAX_LENGTH = 12;

/**
 * The booking-code screen: a locked-down kiosk has no keyboard, so the code is
 * typed on large on-screen keys (a connected keyboard works too). `code` is
 * what the citizen typed before, kept for correction after "not found".
 */
export function appointmentForm(t: T, submit: (code: string) => void, back: () => void, code = '') {
  // inputmode none: no touch keyboard over the keypad; the field stays editable for a hardware keyboard.
  const input = h('input', {
    id: 'booking-code',
    name: 'bookingCode',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    inputmode: 'none',
    maxlength: MAX_LENGTH,
    required: true,
    value: code,
  });
  const ok = h('button', { type: 'submit', class: 'ok', 'data-key': 'ok' }, t('kiosk.checkIn'));
  const sync = () => {
    input.value = input.value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, MAX_LENGTH);
    ok.disabled = input.value.length === 0;
  };
  const type = (change: (v: string) => string) => () => {
    input.value = change(input.value);
    sync();
  };
  const key = (c: string) => h('button', { type: 'button', class: 'key', 'data-key': c, onclick: type((v) => v + c) }, c);
  const form = h(
    'form',
    { class: 'appointment', 'data-screen': 'appointment' },
    h('h1', {}, t('kiosk.appointment')),
    h('label', { for: 'booking-code' }, t('kiosk.bookingCode')),
    input,
    h(
      'div',
      { class: 'keypad', role: 'group', 'aria-label': t('kiosk.keypad') },
      h('div', { class: 'keys digits' }, DIGITS.map(key)),
      h(
        'div',
        { class: 'keys letters' },
        LETTERS.map(key),
        h('button', { type: 'button', class: 'key backspace', 'data-key': 'backspace', onclick: type((v) => v.slice(0, -1)) }, t('kiosk.keyBackspace')),
        h('button', { type: 'button', class: 'key clear', 'data-key': 'clear', onclick: type(() => '') }, t('kiosk.keyClear')),
      ),
    ),
    h('div', { class: 'actions' }, ok, h('button', { type: 'button', class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
  input.addEventListener('input', sync);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sync();
    if (input.value) submit(input.value);
  });
  sync();
  return form;
}

/**
 * Too early, too late, or unknown: said plainly from the error's code and
 * details (the minutes of the site's window), with a walk-in ticket offered;
 * a code that was not found can be corrected (`retry` keeps it).
 */
export function checkInProblem(err: unknown, t: T, walkIn: () => void, back: () => void, retry: () => void) {
  const code = err instanceof ApiError ? err.code : 'network_error';
  const correctable = code === 'appointment_not_found' || code === 'validation_failed';
  return h(
    'section',
    { class: 'warning', 'data-screen': 'check-in-problem', 'data-code': code, role: 'alert' },
    h('h1', {}, errorText(t, err)),
    h(
      'div',
      { class: 'actions' },
      correctable ? h('button', { class: 'retry', onclick: retry }, t('kiosk.correctCode')) : null,
      h('button', { class: correctable ? 'walk-in secondary' : 'walk-in', onclick: walkIn }, t('kiosk.walkIn')),
      h('button', { class: 'secondary', onclick: back }, t('kiosk.back')),
    ),
  );
}
