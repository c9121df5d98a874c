import { h } from '@skranke/web';
import { serviceName, t } from '../common/texts';
import { CounterActions } from './counter-actions';
import { PageState } from './counter-types';
import { seatView } from './seat-view';

export interface FrameHandlers {
  changeCounter: () => void;
  logout: () => void;
  rerender: () => void;
}

/** The whole workstation: state bar, queue overview, and the seats side by side. */
export function counterView(state: PageState, actions: CounterActions, on: FrameHandlers): (HTMLElement | null)[] {
  const view = state.view!;
  const c = view.counter;
  const reason = h('input', { id: 'pause-reason', 'aria-label': t('action.pauseReason'), placeholder: t('action.pauseReason'), maxlength: 80, value: c.pauseReason ?? '' });
  return [
    h(
      'header',
      { class: 'bar' },
      h('h1', {}, c.name),
      h('span', { class: `state state-${c.state}`, 'data-state': c.state }, t(`state.${c.state}`), c.state === 'paused' && c.pauseReason ? ` – ${c.pauseReason}` : ''),
      h('button', { 'data-k': 'open', disabled: c.state === 'open', onclick: () => void actions.open() }, t('action.open'), ' ', h('kbd', {}, 'O')),
      reason,
      h('button', { class: 'secondary', 'data-k': 'pause', disabled: c.state === 'paused', onclick: () => void actions.pause(reason.value.trim()) }, t('action.pause'), ' ', h('kbd', {}, 'Shift+P')),
      h('button', { class: 'secondary', 'data-k': 'close', disabled: c.state === 'closed', onclick: () => void actions.close() }, t('action.close'), ' ', h('kbd', {}, 'Shift+L')),
      h('span', { class: 'spacer' }),
      h('button', { class: 'secondary', onclick: on.changeCounter }, t('pick.change')),
      h('button', { class: 'secondary', onclick: on.logout }, t('logout')),
    ),
    state.offline ? h('p', { class: 'offline', role: 'status' }, t('live.offline')) : null,
    h('p', { class: 'message', role: 'alert', id: 'message' }, state.message ?? ''),
    h(
      'section',
      { class: 'queues', 'aria-label': t('queues.title') },
      view.queues.map((q) => {
        const service = view.services.find((s) => s.id === q.serviceId);
        const level = q.longestWaitMinutes >= q.targetWaitMinutes ? 'bad' : q.longestWaitMinutes >= q.targetWaitMinutes * 0.75 ? 'warn' : 'ok';
        return h(
          'div',
          { class: `queue queue-${level}`, 'data-service': q.serviceId },
          h('strong', {}, service ? `${service.prefix} · ${serviceName(service.names)}` : ''),
          h('span', { class: 'queue-waiting' }, t('queues.waiting', { count: q.waiting })),
          q.waiting ? h('span', { class: 'queue-longest' }, t('queues.longest', { minutes: q.longestWaitMinutes, target: q.targetWaitMinutes })) : null,
        );
      }),
    ),
    h('div', { class: `seats seats-${view.seats.length}` }, view.seats.map((s) => seatView(state, actions, s.seat, on.rerender))),
    h('details', { class: 'keys' }, h('summary', {}, t('keys.title')), h('p', {}, t('keys.help'))),
  ];
}
