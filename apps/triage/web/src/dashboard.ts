import '@skranke/web/base.css';
import './common/pages.css';
import { h, render } from '@skranke/web';
import { liveRefresh } from './common/live-refresh';
import { alertList } from './common/room-view';
import { logoutButton, staffGate } from './common/staff-gate';
import { serviceName, t } from './common/texts';
import { countersTable } from './dashboard/counters-view';
import { hourChart, todayFigures } from './dashboard/figures-view';

/** The supervisor's dashboard: services now, counters (with control), alerts, today's figures, per-hour chart. */
function servicesTable(data: any) {
  return h('section', { 'aria-label': t('now') },
    h('h2', {}, t('now')),
    h('table', {},
      h('thead', {}, h('tr', {}, ...['service', 'waiting', 'longest', 'estimated', 'withinTarget', 'estimateAccuracy', ''].map((k) => h('th', {}, k ? t(k, { min: '' }) : '')))),
      h('tbody', {}, data.services.map((s: any) =>
        h('tr', { 'data-service': s.code },
          h('td', {}, serviceName(s.names)),
          h('td', { 'data-cell': 'waiting' }, String(s.waiting)),
          h('td', {}, t('minutes', { min: s.longestWaitMinutes })),
          h('td', {}, s.estimatedWait ? t('minutes', { min: s.estimatedWait.minutes }) : '–'),
          h('td', { 'data-cell': 'within' }, s.withinTargetPercent === null ? '–' : `${s.withinTargetPercent} % / ${s.serviceLevelPercent} %`),
          h('td', { 'data-cell': 'accuracy' }, s.estimateAccuracy?.scored ? t('accuracyValue', { mae: s.estimateAccuracy.meanAbsoluteErrorMinutes, share: Math.round(100 * s.estimateAccuracy.withinRangeShare) }) : '–'),
          h('td', { class: 'muted', 'data-cell': 'staffing' }, s.staffing.delta ? s.staffing.message : ''),
        ))),
    ),
  );
}

async function main() {
  const app = document.getElementById('app')!;
  const ctx = await staffGate(app);
  const banner = h('p', { class: 'offline', role: 'alert', hidden: true }, t('offline'));
  const message = h('p', { class: 'error', role: 'alert' });
  const body = h('div');
  const refresh = async () => {
    const data = await ctx.api.get(`/sites/${ctx.site.id}/dashboard`);
    render(body, servicesTable(data), alertList(data, ctx.api, refresh), countersTable(ctx, data, refresh, (m) => render(message, m)), todayFigures(data.today), hourChart(data.perHour));
    document.body.dataset.at = data.at;
  };
  render(app, h('header', {}, h('h1', {}, `${t('dashboard')} · ${ctx.site.name}`), banner, logoutButton(ctx)), message, body);
  await refresh();
  document.body.dataset.ready = 'true';
  liveRefresh(ctx, () => void refresh(), (s) => (banner.hidden = s === 'online'));
}

void main();
