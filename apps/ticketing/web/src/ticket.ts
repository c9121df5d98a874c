import '@skranke/web/base.css';
import './ticket/ticket.css';
import { io } from 'socket.io-client';
import { $, ApiError, TicketingPaths, appConfig, errorText, h, render, typedApi } from '@skranke/web';
import { tr } from './languages';
import { notifyPanel } from './ticket/notify-panel';
import { SurveyAnswer, TrackedTicket, calledView, leaveDialog, surveyView, waitingView } from './ticket/ticket-views';

const root = $('#app')!;
const trackingToken = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const api = typedApi<TicketingPaths>(location.origin, () => null);
const path = { params: { path: { trackingToken } } };
const confirmLeave = leaveDialog();
const offline = h('p', { class: 'offline', hidden: true, role: 'status' });
let lastStatus: string | null = null;
let surveyDone = false;
/** What leaving said (done, or why not): kept across the re-renders that each update brings. */
let leaveNote: { text: string; failed: boolean } | null = null;
let latest = 0;
const notify = notifyPanel({
  pushKey: async () => (await api.GET('/api/v1/tickets/track/{trackingToken}/push-key', path)).data!.publicKey,
  send: async (body) => void (await api.POST('/api/v1/tickets/track/{trackingToken}/notify', { ...path, body })),
  refresh: () => refresh(),
  problem: (err) => errorText(tr(document.documentElement.lang), err),
});

async function refresh(): Promise<TrackedTicket | null> {
  const mine = ++latest;
  let tk: TrackedTicket;
  try {
    tk = (await api.GET('/api/v1/tickets/track/{trackingToken}', path)).data!;
    if (mine !== latest) return tk; // a newer answer is on its way; never show an older one over it
  } catch (err) {
    const t = tr(document.documentElement.lang);
    render(root, h('section', { role: 'alert' }, h('h1', { class: 'error' }, err instanceof ApiError && err.status === 404 ? t('ticket.ended') : errorText(t, err))));
    return null;
  }
  const t = tr(tk.language);
  document.documentElement.lang = tk.language;
  offline.textContent = t('ticket.offline');
  if (tk.status === 'called' && lastStatus !== 'called') alertCitizen();
  lastStatus = tk.status;
  const body =
    tk.status === 'waiting'
      ? waitingView(tk, t, () => confirmLeave.ask(t, tk.number, () => void leave(t)), notify.view(tk, t))
      : tk.status === 'called' || tk.status === 'in-service'
        ? calledView(tk, t)
        : tk.status === 'finished' && !surveyDone
          ? surveyView(t, (answer) => sendSurvey(answer, t), (err) => errorText(t, err))
          : leaveNote && !leaveNote.failed
            ? h('p', { class: 'ended left', 'data-status': tk.status, role: 'status' }, leaveNote.text)
            : h('p', { class: 'ended', 'data-status': tk.status }, surveyDone ? t('survey.thanks') : t('ticket.ended'));
  const note = leaveNote?.failed ? h('p', { class: 'error', role: 'alert' }, leaveNote.text) : null;
  // The "tell me" panel is the same element after the render: give back the focus a re-render takes from it.
  const focused = document.activeElement;
  render(root, h('header', {}, h('p', { class: 'site' }, tk.siteName), h('h1', { class: 'label' }, t('ticket.title')), h('p', { class: 'number' }, tk.number), h('p', { class: 'service' }, tk.service.names[tk.language] ?? tk.service.names.da)), offline, body, note);
  if (focused instanceof HTMLElement && focused !== document.activeElement && notify.element.contains(focused)) focused.focus();
  if (tk.status !== 'waiting') confirmLeave.close(); // called meanwhile: nothing left to confirm
  return tk;
}

async function leave(t: ReturnType<typeof tr>): Promise<void> {
  await api.POST('/api/v1/tickets/track/{trackingToken}/leave', path).then(
    () => (leaveNote = { text: t('ticket.left'), failed: false }),
    (err: unknown) => (leaveNote = { text: errorText(t, err), failed: true }),
  );
  await refresh();
}

async function sendSurvey(answer: SurveyAnswer, t: ReturnType<typeof tr>): Promise<void> {
  await api.POST('/api/v1/tickets/track/{trackingToken}/survey', { ...path, body: answer });
  surveyDone = true;
  render(root, h('h1', { class: 'thanks', 'data-status': 'survey-sent' }, t('survey.thanks')));
}

/** Vibration and a short tone where the browser allows; the text on screen is what counts. */
function alertCitizen(): void {
  navigator.vibrate?.([300, 150, 300]);
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* no sound allowed: the screen and vibration remain */
  }
}

async function main(): Promise<void> {
  const tk = await refresh();
  if (!tk) return;
  const config = await appConfig();
  // The ticket room carries this ticket's events and the site's queue changes (not every seq),
  // so the page refetches its own view on each one instead of replaying a site feed.
  const socket = io(config.urls.counterDisplay, { path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 3000 });
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    clearTimeout(offlineTimer);
    offline.hidden = true;
    socket.emit('subscribe', { siteId: tk.siteId, channel: 'ticket', trackingToken }, () => void refresh());
  });
  socket.on('disconnect', () => (offlineTimer = setTimeout(() => (offline.hidden = false), 5000)));
  socket.onAny(() => void refresh());
}

void main();
