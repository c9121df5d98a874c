import { ApiError, h } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { serviceName, t } from '../common/texts';

/** The menu a floor-walker opened on a ticket stays open when a live update redraws the list. */
let openMenu: { ticketId: string; kind: 'move' | 'cancel' } | null = null;

/** Waiting tickets with notes and flags; move, re-prioritise or cancel, each recorded with who did it. */
export function waitingList(ctx: StaffContext, state: any, refresh: () => void, report: (msg: string) => void): HTMLElement {
  const now = Date.parse(state.at);
  const act = (fn: () => Promise<unknown>) => async () => {
    openMenu = null;
    try {
      await fn();
    } catch (e) {
      report(e instanceof ApiError ? e.message : String(e));
    }
    refresh();
  };
  const row = (s: any, tk: any) => {
    const actions = h('div', { class: 'actions' });
    const moveMenu = () => {
      openMenu = { ticketId: tk.id, kind: 'move' };
      actions.replaceChildren(h('span', {}, t('moveTo')), ...state.services.filter((o: any) => o.serviceId !== s.serviceId).map((o: any) =>
        h('button', { 'data-move-to': o.code, onclick: act(() => ctx.counterApi.post(`/tickets/${tk.id}/transfer`, { serviceId: o.serviceId, placement: 'by-arrival' })) }, serviceName(o.names))));
    };
    const confirmCancel = () => {
      openMenu = { ticketId: tk.id, kind: 'cancel' };
      actions.replaceChildren(h('button', { class: 'danger', 'data-confirm-cancel': tk.number, onclick: act(() => ctx.counterApi.post(`/tickets/${tk.id}/cancel`)) }, t('confirmCancel', { number: tk.number })));
    };
    const setPriority = act(() => ctx.api.post(`/sites/${ctx.site.id}/tickets/${tk.id}/priority`, { priority: tk.priority ? 0 : 1 }));
    actions.append(
      h('button', { class: 'secondary', onclick: moveMenu }, t('move')),
      h('button', { class: 'secondary', onclick: setPriority }, tk.priority ? t('lowerPriority') : t('raisePriority')),
      h('button', { class: 'secondary', onclick: confirmCancel }, t('cancel')),
    );
    const open = openMenu as { ticketId: string; kind: 'move' | 'cancel' } | null;
    if (open && open.ticketId === tk.id) (open.kind === 'move' ? moveMenu : confirmCancel)();
    return h('li', { 'data-ticket': tk.number },
      h('strong', {}, tk.number), ' ', h('span', {}, t('minutes', { min: Math.floor((now - Date.parse(tk.issuedAt)) / 60000) })),
      tk.priority ? h('span', { class: 'badge' }, t('prioritised')) : null,
      tk.flags.map((f: string) => h('span', { class: 'badge flag' }, t(`flag.${f}`) === `flag.${f}` ? f : t(`flag.${f}`))),
      tk.note ? h('div', { class: 'note' }, tk.note) : null,
      actions,
    );
  };
  return h('section', { class: 'waiting-list', 'aria-label': t('waitingList') },
    h('h2', {}, t('waitingList')),
    state.services.map((s: any) => h('div', {}, h('h3', {}, serviceName(s.names)), s.tickets.length ? h('ul', {}, s.tickets.map((tk: any) => row(s, tk))) : h('p', { class: 'muted' }, t('nobodyWaiting')))),
  );
}
