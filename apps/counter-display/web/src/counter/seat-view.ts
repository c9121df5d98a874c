import { h } from '@skranke/web';
import { serviceName, t } from '../common/texts';
import { CounterActions } from './counter-actions';
import { CurrentView, HELP_MODES, OUTCOMES, PLACEMENTS, PageState, StaffTicket } from './counter-types';

const kbd = (key: string) => h('kbd', {}, key);

/** One seat: its citizen with everything staff need, or a button calling the next citizen into it. */
export function seatView(state: PageState, actions: CounterActions, seat: number, rerender: () => void): HTMLElement {
  const view = state.view!;
  const ticket = actions.ticketAt(seat);
  const multi = view.seats.length > 1;
  const selected = state.selectedSeat === seat;
  const select = () => {
    state.selectedSeat = seat;
    rerender();
  };
  const title = multi ? h('h2', { class: 'seat-title' }, t('seat', { seat })) : null;
  if (!ticket) {
    const label = multi ? t('action.callInto', { seat }) : t('action.callNext');
    return h(
      'section',
      { class: `seat free${selected ? ' selected' : ''}`, 'data-seat': seat, onfocusin: () => (state.selectedSeat = seat) },
      title,
      h('p', { class: 'seat-free' }, t('seat.free')),
      h('button', { class: 'call-next big', 'data-k': `call-${seat}`, disabled: view.counter.state !== 'open', onclick: () => void actions.callNext(seat) }, label, ' ', kbd('Enter')),
    );
  }
  return h(
    'section',
    { class: `seat busy${selected ? ' selected' : ''}`, 'data-seat': seat, 'data-ticket': ticket.id, onclick: multi && !selected ? select : undefined, onfocusin: () => (state.selectedSeat = seat) },
    title,
    ticketHeader(view.services, ticket),
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'secondary', 'data-k': `recall-${seat}`, onclick: () => void actions.recall(seat) }, t('action.recall'), ' ', kbd('R')),
      ticket.status === 'called' ? h('button', { class: 'secondary', 'data-k': `start-${seat}`, onclick: () => void actions.start(seat) }, t('action.start'), ' ', kbd('S')) : null,
      ticket.status === 'called' ? h('button', { class: 'secondary', 'data-k': `noshow-${seat}`, onclick: () => void actions.noShow(seat) }, t('action.noShow'), ' ', kbd('N')) : null,
      h('button', { class: 'secondary', 'data-k': `transfer-${seat}`, onclick: () => ((state.transferSeat = state.transferSeat === seat ? null : seat), rerender()) }, t('action.transfer'), ' ', kbd('T')),
    ),
    state.transferSeat === seat ? transferPanel(state, actions, seat, ticket, rerender) : null,
    h('h3', {}, t('helpMode.title')),
    h(
      'div',
      { class: 'row', role: 'group' },
      HELP_MODES.map((mode) =>
        h('button', { class: 'toggle', 'aria-pressed': String(state.helpMode[seat] === mode), 'data-k': `help-${seat}-${mode}`, onclick: () => ((state.helpMode[seat] = state.helpMode[seat] === mode ? undefined : mode), rerender()) }, t(`helpMode.${mode}`), ' ', kbd(mode[0].toUpperCase())),
      ),
    ),
    h('h3', {}, t('finish.title')),
    h(
      'div',
      { class: 'row outcomes' },
      OUTCOMES.map((outcome, i) => h('button', { class: 'outcome', 'data-outcome': outcome, 'data-k': `finish-${seat}-${outcome}`, onclick: () => void actions.finish(seat, outcome) }, kbd(String(i + 1)), ' ', t(`outcome.${outcome}`))),
    ),
    h('button', { class: 'finish-next big', 'data-k': `finish-next-${seat}`, disabled: view.counter.state !== 'open', onclick: () => void actions.finish(seat, 'resolved', true) }, t('action.finishAndNext'), ' ', kbd('Shift+Enter')),
  );
}

function ticketHeader(services: CurrentView['services'], ticket: StaffTicket) {
  const service = services.find((s) => s.id === ticket.serviceId);
  const since = ticket.startedAt ?? ticket.calledAt;
  return h(
    'div',
    { class: 'ticket' },
    h('div', { class: 'ticket-number' }, ticket.number),
    h('div', { class: 'ticket-service' }, service ? serviceName(service.names) : ''),
    h('div', { class: 'ticket-time', 'data-since': since ?? '', 'data-label': ticket.status === 'in-service' ? 'ticket.in-service' : 'ticket.called' }, ''),
    ticket.recallCount ? h('div', { class: 'ticket-recalls' }, t('ticket.recalls', { count: ticket.recallCount })) : null,
    ticket.note ? h('div', { class: 'ticket-note' }, h('strong', {}, t('ticket.note'), ': '), ticket.note) : null,
    ticket.flags.length ? h('div', { class: 'ticket-flags' }, h('strong', {}, t('ticket.flags'), ': '), ticket.flags.map((f) => h('span', { class: 'flag' }, f))) : null,
  );
}

function transferPanel(state: PageState, actions: CounterActions, seat: number, ticket: StaffTicket, rerender: () => void) {
  const services = state.view!.services;
  const selectEl = h(
    'select',
    { id: `transfer-service-${seat}`, 'data-k': `transfer-service-${seat}` },
    services.map((s) => h('option', { value: s.id, selected: s.id !== ticket.serviceId && services.find((x) => x.id !== ticket.serviceId)?.id === s.id }, `${s.prefix} · ${serviceName(s.names)}`)),
  );
  return h(
    'div',
    { class: 'transfer-panel' },
    h('label', { for: `transfer-service-${seat}` }, t('transfer.service')),
    selectEl,
    h(
      'div',
      { class: 'row' },
      PLACEMENTS.map((p) => h('button', { 'data-placement': p, 'data-k': `transfer-${seat}-${p}`, onclick: () => void actions.transfer(seat, selectEl.value, p) }, t(`transfer.${p}`))),
      h('button', { class: 'secondary', onclick: () => ((state.transferSeat = null), rerender()) }, t('action.cancelTransfer')),
    ),
  );
}

/** Updates "called 1:23 ago" in place every second, without re-rendering the page. */
export function tickTimers(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-since]'))) {
    if (!el.dataset.since) continue;
    const secs = Math.max(0, Math.floor((Date.now() - new Date(el.dataset.since).getTime()) / 1000));
    const time = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    el.textContent = t(el.dataset.label ?? 'ticket.called', { time });
  }
}
