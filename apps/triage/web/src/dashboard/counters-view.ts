import { ApiError, h } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { serviceName, t } from '../common/texts';

/** Counters: state, staff, current ticket and for how long; open, pause, close and the service profile. */
/** Profile edits not saved yet, per counter: a live refresh re-renders the table and must not lose them. */
const unsaved = new Map<string, Set<string>>();

export function countersTable(ctx: StaffContext, data: any, refresh: () => void, report: (m: string) => void) {
  const act = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (e) {
      report(e instanceof ApiError ? e.message : String(e));
    }
    refresh();
  };
  const profile = (c: any) => {
    const chosen = unsaved.get(c.id) ?? new Set<string>(c.serviceIds);
    const boxes = data.services.map((s: any) => {
      const box = h('input', { type: 'checkbox', value: s.serviceId, checked: chosen.has(s.serviceId), 'aria-label': serviceName(s.names), style: 'width:auto;min-height:auto' });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(s.serviceId);
        else chosen.delete(s.serviceId);
        unsaved.set(c.id, chosen);
      });
      return h('label', { style: 'margin-right:8px' }, box, ' ', s.code);
    });
    const save = act(async () => {
      // Keep the counter's order of preference; newly ticked services go last.
      const added = data.services.map((s: any) => s.serviceId).filter((id: string) => chosen.has(id) && !c.serviceIds.includes(id));
      const ids = [...c.serviceIds.filter((id: string) => chosen.has(id)), ...added];
      await ctx.api.patch(`/sites/${ctx.site.id}/counters/${c.id}`, { serviceIds: ids });
      unsaved.delete(c.id);
    });
    return h('div', { class: 'profile', 'data-profile': c.name }, boxes, h('button', { class: 'secondary', onclick: save }, t('save')));
  };
  return h('section', { 'aria-label': t('counters') },
    h('h2', {}, t('counters')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('counters')), h('th', {}, ''), h('th', {}, t('staff')), h('th', {}, t('current')), h('th', {}, ''), h('th', {}, t('profile')))),
      h('tbody', {}, data.counters.map((c: any) =>
        h('tr', { 'data-counter': c.name },
          h('td', {}, c.name),
          h('td', { 'data-state': c.state }, t(`state.${c.state}`)),
          h('td', {}, c.staffName ?? '–'),
          h('td', {}, c.current[0] ? `${c.current[0].number} · ${Math.floor(c.currentSeconds / 60)}:${String(c.currentSeconds % 60).padStart(2, '0')}` : '–'),
          h('td', {}, (['open', 'pause', 'close'] as const).map((a) =>
            h('button', { class: 'secondary', 'data-action': a, onclick: act(() => ctx.counterApi.post(`/counters/${c.id}/${a}`)) }, t(a)))),
          h('td', {}, profile(c)),
        ))),
    ),
  );
}
