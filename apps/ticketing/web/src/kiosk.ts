import '@skranke/web/base.css';
import './kiosk/kiosk.css';
import QRCode from 'qrcode';
import { $, ApiError, TicketingPaths, deviceToken, errorText, h, render, typedApi } from '@skranke/web';
import { clockTime, tr } from './languages';
import { FreeTime, IssuedTicket, KioskInfo, KioskService, NextFree, book, checkIn, issue, kioskInfo, newIdempotencyKey, nextFree } from './kiosk/kiosk-api';
import { bookedView, confirmView, offerView } from './kiosk/next-free-view';
import { appointmentForm, checkInProblem } from './kiosk/appointment-view';
import { closedView, closingWarning, errorScreen, languageBar, printFailedNote, serviceButtons, ticketView } from './kiosk/kiosk-views';
import { watchPrint } from './kiosk/print-watch';

const IDLE_MS = 30_000;
const root = $('#app')!;
const slug = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const token = deviceToken();
const api = typedApi<TicketingPaths>(location.origin, () => token);
let lang = 'da';
let info: KioskInfo | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let key = newIdempotencyKey();
let busy = false;

/** Any touch restarts the idle countdown; after 30 s untouched the kiosk returns to the start screen. */
function touched(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void start(), IDLE_MS);
}

function show(...children: (Node | null)[]): void {
  document.documentElement.lang = lang;
  render(root, h('header', {}, siteMark(), languageBar(lang, chooseLanguage)), ...children);
}

/** The site's logo (settings.branding.logo) beside its name; the logo is decoration, the name says it. */
function siteMark(): HTMLElement {
  const logo = info?.branding.logo;
  return h('div', { class: 'site-mark' }, logo ? h('img', { class: 'logo', src: logo, alt: '' }) : null, h('span', { class: 'site-name' }, info?.site.name ?? ''));
}

/** The site's colour (settings.branding.primaryColor, AA against white by validation) for buttons and headings. */
function applyBranding(): void {
  const colour = info?.branding.primaryColor;
  if (colour) document.documentElement.style.setProperty('--brand', colour);
  else document.documentElement.style.removeProperty('--brand');
}

function chooseLanguage(l: string): void {
  lang = l;
  void start(false);
}

async function start(resetLanguage = true): Promise<void> {
  if (resetLanguage) lang = 'da';
  key = newIdempotencyKey();
  busy = false;
  const t = tr(lang);
  try {
    info = await kioskInfo(api, slug);
  } catch (err) {
    return show(errorScreen(errorText(t, err), err instanceof ApiError ? err.code : 'error'));
  }
  applyBranding();
  if (!info.open) return show(closedView(info, lang));
  startScreen(null);
}

function startScreen(group: string | null): void {
  const t = tr(lang);
  show(
    h(
      'section',
      { class: 'start', 'data-screen': 'start' },
      h('h1', {}, t('kiosk.welcome')),
      serviceButtons(info!.services, lang, group, chooseService, (g) => startScreen(g)),
      h('button', { class: 'appointment-button secondary', onclick: () => codeScreen('') }, t('kiosk.appointment')),
    ),
  );
}

function codeScreen(code: string): void {
  show(appointmentForm(tr(lang), submitCode, () => startScreen(null), code));
}

function chooseService(s: KioskService): void {
  const t = tr(lang);
  if (s.capReached) return show(h('section', { class: 'warning', 'data-screen': 'cap', role: 'alert' }, h('h1', {}, t('kiosk.capReached', { service: s.names[lang] ?? s.names.da })), h('button', { onclick: () => startScreen(null) }, t('kiosk.back'))));
  void offerOrTake(s);
}

/**
 * A long wait or no turn before closing: offer the next free booked time beside
 * "take a number" (issue 19, item 7). Without an offer (or an answer within a
 * few seconds) the kiosk goes on as before: the closing warning, or the ticket.
 */
async function offerOrTake(s: KioskService): Promise<void> {
  if (busy) return;
  busy = true;
  const offer = await nextFree(api, info!.site.id, s.id);
  busy = false;
  if (offer?.offer && (offer.today || offer.tomorrow)) return offerScreen(s, offer);
  if (!s.reachedBeforeClose) return show(closingWarning(info!, tr(lang), () => void take(s), () => startScreen(null), lang));
  void take(s);
}

const serviceNameOf = (s: KioskService) => s.names[lang] ?? s.names.da;

function offerScreen(s: KioskService, offer: NextFree): void {
  const closingTime = info!.closesAt ? clockTime(info!.closesAt, lang) : null;
  show(offerView({ service: s, name: serviceNameOf(s), offer, closingTime, lang }, () => void take(s), (time) => confirmScreen(s, offer, time), () => startScreen(null)));
}

function confirmScreen(s: KioskService, offer: NextFree, time: FreeTime): void {
  show(confirmView(serviceNameOf(s), time, offer.date, lang, () => void bookTime(s, offer, time), () => offerScreen(s, offer)));
}

/** The second tap: books the time (one booking however often it is tapped: the key), then the code large on screen. */
async function bookTime(s: KioskService, offer: NextFree, time: FreeTime): Promise<void> {
  if (busy) return;
  busy = true;
  const t = tr(lang);
  try {
    const booking = await book(api, info!.site.id, s.id, time.startsAt, lang, key);
    show(bookedView(booking, serviceNameOf(s), offer.date, lang, () => void start()));
  } catch (err) {
    busy = false;
    key = newIdempotencyKey();
    // Taken meanwhile (or refused): say why, and offer the times as they are now.
    show(
      h('section', { class: 'warning', 'data-screen': 'booking-problem', 'data-code': err instanceof ApiError ? err.code : 'error', role: 'alert' }, h('h1', {}, errorText(t, err))),
      h('div', { class: 'actions' }, h('button', { onclick: () => void offerOrTake(s) }, t('kiosk.nextFree.again')), h('button', { class: 'secondary', onclick: () => startScreen(null) }, t('kiosk.back'))),
    );
  }
}

async function take(s: KioskService): Promise<void> {
  if (busy) return;
  busy = true;
  await finish(() => issue(api, info!.site.id, s.id, lang, key), () => startScreen(null));
}

async function submitCode(code: string): Promise<void> {
  if (busy || !code) return;
  busy = true;
  const t = tr(lang);
  await finish(() => checkIn(api, info!.site.id, code, lang, key), () => {
    busy = false;
    key = newIdempotencyKey();
  }).catch((err) => show(checkInProblem(err, t, () => startScreen(null), () => void start(false), () => codeScreen(code))));
}

/** Issues, then shows number, place, range and QR, whatever happens to the print afterwards (a failed print is said on screen). */
async function finish(call: () => Promise<IssuedTicket>, onError: () => void): Promise<void> {
  const t = tr(lang);
  let ticket: IssuedTicket;
  try {
    ticket = await call();
  } catch (err) {
    if (err instanceof ApiError && err.code.startsWith('appointment_')) {
      onError();
      throw err;
    }
    show(errorScreen(errorText(t, err), err instanceof ApiError ? err.code : 'error'), h('button', { onclick: () => void start(false) }, t('kiosk.back')));
    return;
  }
  const service = info!.services.find((x) => x.id === ticket.serviceId);
  const name = service ? (service.names[lang] ?? service.names.da) : '';
  const qr = await QRCode.toDataURL(`${location.origin}/t/${ticket.trackingToken}`, { margin: 1, width: 440 });
  const screen = ticketView(ticket, name, service?.counterOpen ?? true, qr, t, lang, () => void start());
  show(screen);
  // The receipt printer may fail after the number is on screen: say so, and give the citizen time to take a photo.
  const printFailed = () => {
    screen.querySelector('.wait')?.after(printFailedNote(t));
    touched();
  };
  if (ticket.printStatus === 'failed') printFailed();
  else if (ticket.printStatus === 'pending') void watchPrint(api, ticket.id, screen, printFailed);
}

for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, touched, { passive: true });
touched();
void start();
