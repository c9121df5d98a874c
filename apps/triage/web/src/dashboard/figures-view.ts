import { h } from '@skranke/web';
import { t } from '../common/texts';

/** Today's figures and the per-hour chart (plain bars: arrivals beside services finished). */
const figure = (key: string, value: number, id: string) => h('div', { class: 'figure' }, h('span', { class: 'big', 'data-figure': id }, String(value)), t(key));

export function todayFigures(today: any) {
  const tallies = (title: string, data: Record<string, number>, id: string) =>
    h('div', {}, h('h3', {}, title), h('ul', { 'data-tally': id }, Object.entries(data).map(([k, n]) => h('li', { 'data-key': k }, `${k}: `, h('b', {}, String(n))))));
  return h('section', { 'aria-label': t('today') },
    h('h2', {}, t('today')),
    h('div', { class: 'figures' },
      figure('issued', today.ticketsIssued, 'issued'),
      figure('served', today.served, 'served'),
      figure('noShow', today.noShow, 'no-show'),
      figure('cancelled', today.cancelled, 'cancelled'),
      figure('resolvedOnSpot', today.resolvedOnSpot, 'resolved-on-spot'),
      figure('selfServiceCount', today.selfService, 'self-service'),
    ),
    h('div', { class: 'figures' },
      tallies(t('referrals'), Object.fromEntries(today.referrals.map((r: any) => [r.target, r.count])), 'referrals'),
      tallies(t('outcomes'), today.outcomes, 'outcomes'),
      tallies(t('helpModes'), today.helpModes, 'help-modes'),
    ),
  );
}

export function hourChart(perHour: any[]) {
  const max = Math.max(1, ...perHour.map((p) => Math.max(p.tickets + p.encounters, p.served)));
  const px = (n: number) => `height:${Math.round((140 * n) / max)}px`;
  return h('section', { 'aria-label': t('perHour') },
    h('h2', {}, t('perHour')),
    h('p', { class: 'muted' }, h('span', { class: 'bar', style: 'display:inline-block;height:12px' }), ` ${t('arrivals')} `, h('span', { class: 'bar served', style: 'display:inline-block;height:12px' }), ` ${t('served')}`),
    h('div', { class: 'bars', role: 'img', 'aria-label': perHour.map((p) => `${p.hour}: ${p.tickets + p.encounters}/${p.served}`).join(', ') },
      perHour.map((p) =>
        h('div', { 'data-hour': p.hour, title: `${p.hour}:00` },
          h('div', { class: 'bar-pair' }, h('div', { class: 'bar', style: px(p.tickets + p.encounters) }), h('div', { class: 'bar served', style: px(p.served) })),
          h('small', {}, String(p.hour).padStart(2, '0')),
        ),
      ),
    ),
  );
}
