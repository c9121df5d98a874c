import '@skranke/web/base.css';
import './common/pages.css';
import { h, render } from '@skranke/web';
import { liveRefresh } from './common/live-refresh';
import { alertList, counterChips, serviceTiles } from './common/room-view';
import { logoutButton, staffGate } from './common/staff-gate';
import { t } from './common/texts';
import { triagePanel } from './floor/triage-panel';
import { waitingList } from './floor/waiting-list';

/** The floor-walker's tablet: the room at a glance, alerts, the four triage outcomes, the waiting list. */
async function main() {
  const app = document.getElementById('app')!;
  const ctx = await staffGate(app);
  let state: any = await ctx.api.get(`/sites/${ctx.site.id}/floor-state`);
  const banner = h('p', { class: 'offline', role: 'alert', hidden: true }, t('offline'));
  const message = h('p', { class: 'error', role: 'alert' });
  const room = h('div', { class: 'room' });
  const list = h('div');
  const refresh = async () => {
    state = await ctx.api.get(`/sites/${ctx.site.id}/floor-state`);
    draw();
  };
  const draw = () => {
    render(room, serviceTiles(state), counterChips(state), alertList(state, ctx.api, refresh));
    render(list, waitingList(ctx, state, refresh, (m) => render(message, m)));
    document.body.dataset.seq = String(state.seq);
  };
  render(app, h('header', {}, h('h1', {}, ctx.site.name), banner, logoutButton(ctx)), room, triagePanel(ctx, () => state, refresh), message, list);
  draw();
  document.body.dataset.ready = 'true';
  liveRefresh(ctx, () => void refresh(), (s) => (banner.hidden = s === 'online'));
}

void main();
