import { h } from '@skranke/web';
import { LANGUAGES, ORDER, clockTime, tr } from '../languages';
import { IssuedTicket, KioskInfo, KioskService } from './kiosk-api';

type T = ReturnType<typeof tr>;

export function languageBar(current: string, choose: (lang: string) => void) {
  const t = tr(current);
  return h(
    'nav',
    { class: 'languages', 'aria-label': t('kiosk.chooseLanguage') },
    ORDER.filter((l) => LANGUAGES[l]).map((l) =>
      h('button', { class: l === current ? 'lang current' : 'lang secondary', lang: l, 'aria-pressed': String(l === current), 'data-lang': l, onclick: () => choose(l) }, LANGUAGES[l]['language.name']),
    ),
  );
}

export function closedView(info: KioskInfo, lang: string) {
  const t = tr(lang);
  return h(
    'section',
    { class: 'closed', 'data-screen': 'closed' },
    h('h1', {}, t('kiosk.closed')),
    info.opensAt ? h('p', { class: 'opens' }, t('kiosk.opensAt', { when: clockTime(info.opensAt, lang, true) })) : null,
  );
}

/** At most two levels: groups first when services have a group, then the services of the chosen group. */
export function serviceButtons(services: KioskService[], lang: string, group: string | null, pick: (s: KioskService) => void, pickGroup: (g: string) => void) {
  const name = (s: KioskService) => s.names[lang] ?? s.names.da;
  const groups = [...new Set(services.map((s) => s.group).filter((g): g is string => !!g))];
  if (group === null && groups.length > 1) {
    const ungrouped = services.filter((s) => !s.group);
    return h('div', { class: 'choices' }, groups.map((g) => h('button', { class: 'choice', onclick: () => pickGroup(g) }, g)), ungrouped.map((s) => serviceButton(s, name(s), pick)));
  }
  return h('div', { class: 'choices' }, services.filter((s) => group === null || s.group === group).map((s) => serviceButton(s, name(s), pick)));
}

const serviceButton = (s: KioskService, label: string, pick: (s: KioskService) => void) =>
  h('button', { class: 'choice', 'data-service': s.id, onclick: () => pick(s) }, label);

export function closingWarning(info: KioskInfo, t: T, takeAnyway: () => void, back: () => void, lang: string) {
  const best = info.alternatives[0];
  return h(
    'section',
    { class: 'warning', 'data-screen': 'closing-warning', role: 'alert' },
    h('h1', {}, t('kiosk.closingWarning', { time: clockTime(info.closesAt!, lang) })),
    best ? h('p', {}, t('kiosk.alternative', { site: best.name, minutes: best.shortestWaitMinutes ?? '?' })) : null,
    info.bookingUrl ? h('p', {}, t('kiosk.booking', { url: info.bookingUrl })) : null,
    h('div', { class: 'actions' }, h('button', { class: 'take-anyway', onclick: takeAnyway }, t('kiosk.takeAnyway')), h('button', { class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
}

export function ticketView(ticket: IssuedTicket, serviceName: string, qr: string, t: T, lang: string, done: () => void) {
  const w = ticket.estimatedWait;
  return h(
    'section',
    { class: 'ticket', 'data-screen': 'ticket' },
    h('h1', { class: 'label' }, t('kiosk.number')),
    h('p', { class: 'number', 'data-number': ticket.number }, ticket.number),
    h('p', { class: 'service' }, serviceName),
    ticket.appointment ? h('p', {}, t('kiosk.appointmentAt', { time: clockTime(ticket.appointment.startsAt, lang) })) : null,
    h('p', { class: 'position' }, t('kiosk.position', { position: ticket.position })),
    h('p', { class: 'wait' }, w.high > 0 ? t('kiosk.wait', { low: w.low, high: w.high }) : t('kiosk.waitNone')),
    h('img', { class: 'qr', src: qr, alt: t('kiosk.qr'), width: 220, height: 220 }),
    h('p', { class: 'qr-hint' }, t('kiosk.qr')),
    h('div', { class: 'actions no-print' }, h('button', { class: 'secondary', onclick: () => window.print() }, t('kiosk.print')), h('button', { onclick: done }, t('kiosk.done'))),
  );
}

/** Said calmly, next to the number and the QR code the citizen can still use. */
export const printFailedNote = (t: T) => h('p', { class: 'print-failed', role: 'status', 'data-print': 'failed' }, t('kiosk.printFailed'));

/** Something went wrong: said as the screen's heading, announced at once. */
export const errorScreen = (text: string, code: string) => h('section', { 'data-screen': 'error', 'data-code': code, role: 'alert' }, h('h1', { class: 'error' }, text));
