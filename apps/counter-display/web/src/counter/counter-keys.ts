import { CounterActions } from './counter-actions';
import { HELP_MODE_KEYS, OUTCOMES, PageState } from './counter-types';

/** Keyboard shortcuts for everything at the counter; ignored while typing in a field. */
export function bindCounterKeys(state: PageState, actions: CounterActions, rerender: () => void): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || e.ctrlKey || e.metaKey || e.altKey || !state.view) return;
    const seat = state.selectedSeat;
    const ticket = actions.ticketAt(seat);
    const key = e.key.toLowerCase();
    const digit = /^Digit([1-5])$/.exec(e.code);
    let handled = true;
    if (e.key === 'Enter' && target.tagName === 'BUTTON' && !e.shiftKey) handled = false;
    else if (e.key === 'Enter' && e.shiftKey && ticket) void actions.finish(seat, 'resolved', true);
    else if (e.key === 'Enter' && !ticket) void actions.callNext(seat);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') moveSeat(state, e.key === 'ArrowRight' ? 1 : -1, rerender);
    else if (digit && ticket) void actions.finish(seat, OUTCOMES[Number(digit[1]) - 1]);
    else if (key === 'p' && e.shiftKey) document.getElementById('pause-reason')?.focus();
    else if (key === 'l' && e.shiftKey) void actions.close();
    else if (key === 'o') void actions.open();
    else if (key === 'r' && ticket) void actions.recall(seat);
    else if (key === 's' && ticket) void actions.start(seat);
    else if (key === 'n' && ticket) void actions.noShow(seat);
    else if (key === 't' && ticket) openTransfer(state, seat, rerender);
    else if (HELP_MODE_KEYS[key] && ticket && !e.shiftKey) toggleHelp(state, seat, HELP_MODE_KEYS[key], rerender);
    else handled = false;
    if (handled) e.preventDefault();
  });
}

function moveSeat(state: PageState, by: number, rerender: () => void) {
  const n = state.view!.seats.length;
  state.selectedSeat = ((state.selectedSeat - 1 + by + n) % n) + 1;
  rerender();
  document.querySelector<HTMLElement>(`[data-seat="${state.selectedSeat}"] button`)?.focus();
}

function openTransfer(state: PageState, seat: number, rerender: () => void) {
  state.transferSeat = seat;
  rerender();
  document.getElementById(`transfer-service-${seat}`)?.focus();
}

function toggleHelp(state: PageState, seat: number, mode: PageState['helpMode'][number], rerender: () => void) {
  state.helpMode[seat] = state.helpMode[seat] === mode ? undefined : mode;
  rerender();
}
