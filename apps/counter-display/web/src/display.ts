import '@skranke/web/base.css';
import './display/display.css';
import { $, connectFeed, deviceToken, formatClock, h, render, typedApi, type CounterDisplayPaths } from '@skranke/web';
import { DisplayModel, applyDisplayEvent, displayFromSnapshot } from '@skranke/realtime/client';
import { lang, t } from './common/texts';
import { CallAnnouncer, spokenNumber } from './display/call-announcer';
import { CallShown, DeviceInfo, displayView, inScope, namesSeat, scopeFromUrl } from './display/display-view';
import { fitCalls } from './display/fit';

declare global {
  interface Window {
    __skrankeDisplay: { model: DisplayModel | null; online: boolean };
  }
}

/** How long the one-time "turn on sound" prompt stays when nobody taps it. */
const PROMPT_SHOWN_MS = 30_000;

/** `?sound=on` (or `#…&sound=on`, read before the token is taken out of the address): the screen's browser allows autoplay. */
const soundOnInUrl = [location.search, location.hash].some((part) => new URLSearchParams(part.replace(/^[?#]/, '')).get('sound') === 'on');
const root = $('#app')!;
const token = deviceToken();
// The token leaves the address (deviceToken); sound=on stays, in the query, for a reload to find.
if (soundOnInUrl && !new URLSearchParams(location.search).has('sound')) {
  const query = new URLSearchParams(location.search);
  query.set('sound', 'on');
  history.replaceState(null, '', `${location.pathname}?${query}`);
}
const api = typedApi<CounterDisplayPaths>(location.origin, () => token);
const status = h('div', { class: 'status' });
const content = h('div', { class: 'content' });
const clock = h('time', { class: 'clock' });
const soundPrompt = h('button', { class: 'enable-sound', hidden: true }, t('display.enableSound'));
window.__skrankeDisplay = { model: null, online: false };

async function loadDevice(): Promise<DeviceInfo | null> {
  try {
    return (await api.GET('/api/v1/devices/me')).data ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!token) return render(root, h('p', { class: 'setup' }, t('display.noToken')));
  const device = await loadDevice();
  if (!device) return render(root, h('p', { class: 'setup' }, t('display.badToken')));
  const scope = scopeFromUrl(device);
  let model: DisplayModel | null = null;
  let spotlight: CallShown | null = null;
  let flash = false;
  const draw = () => {
    if (!model) return;
    render(content, displayView(device, scope, model, spotlight, flash));
    fitCalls(content);
  };
  const announcer = new CallAnnouncer(t('speechLang'), (call, blocked) => {
    spotlight = call;
    flash = !!call && blocked;
    draw();
  });
  const soundMode = soundOnInUrl || device.display.sound === 'on' ? 'on' : 'ask';
  announcer.hook.soundMode = soundMode;
  // The prompt sits in the header, never over the calls or the waits; a screen set up to sound on its own never shows it.
  render(root, h('header', {}, h('h1', {}, device.site.name), soundPrompt, clock), status, content);
  const sound = await announcer.detectSound();
  if (!sound && soundMode === 'ask') {
    soundPrompt.hidden = false;
    setTimeout(() => (soundPrompt.hidden = true), PROMPT_SHOWN_MS);
  }
  if (!sound && soundMode === 'on') console.warn(`Sound is blocked (${announcer.hook.soundCheck}): start the browser with --autoplay-policy=no-user-gesture-required (see README).`);
  soundPrompt.onclick = async () => {
    await announcer.enableSound();
    soundPrompt.hidden = !announcer.soundBlocked;
  };
  const tick = () => (clock.textContent = formatClock(lang, new Date(), device.site.timezone));
  tick();
  setInterval(tick, 1000);
  addEventListener('resize', draw);

  connectFeed<DisplayModel>(
    location.origin,
    token,
    { siteId: device.site.id, channel: 'display' },
    { fromSnapshot: displayFromSnapshot, apply: applyDisplayEvent },
    (next, event) => {
      model = next;
      window.__skrankeDisplay.model = next;
      const call = event && (event.type === 'ticket.called' || event.type === 'ticket.recalled') ? next.recentCalls[0] : null;
      if (call && inScope(scope, call)) {
        const vars = { number: spokenNumber(call.number), counter: call.counterName, seat: call.seat ?? 1 };
        announcer.announce(call, t(namesSeat(device, call) ? 'announceSeat' : 'announce', vars));
      }
      draw();
    },
    (s) => {
      window.__skrankeDisplay.online = s === 'online';
      document.body.classList.toggle('offline', s === 'offline');
      render(status, s === 'offline' ? h('p', { class: 'reconnecting', role: 'status' }, t('display.reconnecting')) : null);
    },
  );
}

void main();
