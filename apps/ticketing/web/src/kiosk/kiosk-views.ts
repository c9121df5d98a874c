import { formatNumber, h, waitText } from '@skranke/web';
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
    const groupButton = (g: string) => h('button', { class: 'choice group', onclick: () => pickGroup(g) }, h('span', { class: 'choice-name' }, g));
    return h('div', { class: 'choices' }, groups.map(groupButton), ungrouped.map((s) => serviceButton(s, name(s), pick, lang)));
  }
  return h('div', { class: 'choices' }, services.filter((s) => group === null || s.group === group).map((s) => serviceButton(s, name(s), pick, lang)));
}

/** The service's name, and under it how many wait and for how long ("3 venter · ca. 12 min"), or that no counter serving it is open. */
function serviceButton(s: KioskService, label: string, pick: (s: KioskService) => void, lang: string) {
  const t = tr(lang);
  const wait = s.counterOpen && s.estimatedWait ? t('kiosk.serviceWait', { waiting: formatNumber(lang, s.waiting), wait: waitText(t, s.estimatedWait).text }) : t('wait.noCounterOpen');
  return h(
    'button',
    { class: s.counterOpen ? 'choice' : 'choice no-counter', 'data-service': s.id, 'data-counter-open': String(s.counterOpen), onclick: () => pick(s) },
    h('span', { class: 'choice-name' }, label),
    h('span', { class: 'choice-wait' }, wait),
  );
}

export function closingWarning(info: KioskInfo, t: T, takeAnyway: () => void, back: () => void, lang: string) {
  const best = info.alternatives[0];
  return h(
    'section',
    { class: 'warning', 'data-screen': 'closing-warning', role: 'alert' },
    h('h1', {}, t('kiosk.closingWarning', { time: clockTime(info.closesAt!, lang) })),
    best && best.shortestWaitMinutes !== null ? h('p', {}, t('kiosk.alternative', { site: best.name, wait: waitText(t, { minutes: best.shortestWaitMinutes, low: best.shortestWaitMinutes, high: best.shortestWaitMinutes }).text })) : null,
    info.bookingUrl ? h('p', {}, t('kiosk.booking', { url: info.bookingUrl })) : null,
    h('div', { class: 'actions' }, h('button', { class: 'take-anyway', onclick: takeAnyway }, t('kiosk.takeAnyway')), h('button', { class: 'secondary', onclick: back }, t('kiosk.back'))),
  );
}

/** The issued ticket's wait: the same "ca. N min" (and range) as the start screen, or that no counter serving it is open yet. */
function ticketWait(ticket: IssuedTicket, counterOpen: boolean, t: T): string {
  if (!counterOpen) return t('kiosk.waitNoCounter');
  const w = waitText(t, ticket.estimatedWait);
  return t('kiosk.wait', { wait: w.range ? `${w.text} (${w.range})` : w.text });
}

export function ticketView(ticket: IssuedTicket, serviceName: string, counterOpen: boolean, qr: string, t: T, lang: string, done: () => void) {
  return h(
    'section',
    { class: 'ticket', 'data-screen': 'ticket' },
    h('h1', { class: 'label' }, t('kiosk.number')),
    h('p', { class: 'number', 'data-number': ticket.number }, ticket.number),
    h('p', { class: 'service' }, serviceName),
    ticket.appointment ? h('p', {}, t('kiosk.appointmentAt', { time: clockTime(ticket.appointment.startsAt, lang) })) : null,
    h('p', { class: 'position' }, t('kiosk.position', { position: ticket.position })),
    h('p', { class: 'wait' }, ticketWait(ticket, counterOpen, t)),
    h('img', { class: 'qr', src: qr, alt: t('kiosk.qr'), width: 220, height: 220 }),
    h('p', { class: 'qr-hint' }, t('kiosk.qr')),
    h('div', { class: 'actions no-print' }, h('button', { class: 'secondary', onclick: () => window.print() }, t('kiosk.print')), h('button', { onclick: done }, t('kiosk.done'))),
  );
}

/** Said calmly, next to the number and the QR code the citizen can still use. */
export const printFailedNote = (t: T) => h('p', { class: 'print-failed', role: 'status', 'data-print': 'failed' }, t('kiosk.printFailed'));

/** Something went wrong: said as the screen's heading, announced at once. */
export const errorScreen = (text: string, code: string) => h('section', { 'data-screen': 'error', 'data-code': code, role: 'alert' }, h('h1', { class: 'error' }, text));
