import '@skranke/web/base.css';
import './display/display.css';
import { $, apiClient, connectFeed, deviceToken, h, render } from '@skranke/web';
import { CallShown, DisplayModel, applyDisplayEvent, displayFromSnapshot } from '@skranke/realtime/client';
import { t } from './common/texts';
import { CallAnnouncer, spokenNumber } from './display/call-announcer';
import { DeviceInfo, displayView, inScope, scopeFromUrl } from './display/display-view';

declare global {
  interface Window {
    __skrankeDisplay: { model: DisplayModel | null; online: boolean };
  }
}

const root = $('#app')!;
const token = deviceToken();
const status = h('div', { class: 'status' });
const content = h('div', { class: 'content' });
const clock = h('time', { class: 'clock' });
const soundPrompt = h('button', { class: 'enable-sound', hidden: true }, t('display.enableSound'));
window.__skrankeDisplay = { model: null, online: false };

async function main(): Promise<void> {
  if (!token) return render(root, h('p', { class: 'setup' }, t('display.noToken')));
  const device = await apiClient(location.origin, () => token).get<DeviceInfo>('/devices/me').catch(() => null);
  if (!device) return render(root, h('p', { class: 'setup' }, t('display.badToken')));
  const scope = scopeFromUrl(device);
  let model: DisplayModel | null = null;
  let spotlight: CallShown | null = null;
  let flash = false;
  const draw = () => model && render(content, displayView(device, scope, model, spotlight, flash));
  const announcer = new CallAnnouncer(t('speechLang'), (call, blocked) => {
    spotlight = call;
    flash = !!call && blocked;
    draw();
  });
  if (!(await announcer.detectSound())) soundPrompt.hidden = false;
  soundPrompt.onclick = async () => {
    await announcer.enableSound();
    soundPrompt.hidden = !announcer.soundBlocked;
  };
  render(root, h('header', {}, h('h1', {}, device.site.name), clock), status, content, soundPrompt);
  const time = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', timeZone: device.site.timezone });
  const tick = () => (clock.textContent = time.format(new Date()));
  tick();
  setInterval(tick, 1000);

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
        announcer.announce(call, t(call.seat && call.seat > 1 ? 'announceSeat' : 'announce', vars));
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
