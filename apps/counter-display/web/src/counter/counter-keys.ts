import { useEffect } from 'preact/hooks';
import { HELP_MODE_KEYS, OUTCOMES } from './counter-api';
import { CounterSession } from './counter-session';

/** Keyboard shortcuts for everything at the counter; ignored while typing in a field or while the counter is not ours. */
export function useCounterKeys(session: CounterSession): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (!session.view || session.hold.kind !== 'mine') return;
      if (handle(session, e, target)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [session]);
}

function handle(session: CounterSession, e: KeyboardEvent, target: HTMLElement): boolean {
  const seat = session.selectedSeat;
  const ticket = session.ticketAt(seat);
  const key = e.key.toLowerCase();
  const digit = /^Digit([1-5])$/.exec(e.code);
  if (e.key === 'Enter' && (target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.tagName === 'A') && !e.shiftKey) return false;
  if (e.key === 'Enter' && e.shiftKey && ticket) void session.finish(seat, 'resolved', true);
  else if (e.key === 'Enter' && !ticket) void session.callNext(seat);
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') moveSeat(session, e.key === 'ArrowRight' ? 1 : -1);
  else if (digit && ticket) void session.finish(seat, OUTCOMES[Number(digit[1]) - 1]);
  else if (key === 'p' && e.shiftKey) document.getElementById('pause-reason')?.focus();
  else if (key === 'l' && e.shiftKey) void session.close();
  else if (key === 'o') void session.open();
  else if (key === 'r' && ticket) void session.recall(seat);
  else if (key === 's' && ticket) void session.start(seat);
  else if (key === 'n' && ticket) void session.noShow(seat);
  else if (key === 't' && ticket) {
    session.toggleTransfer(seat);
    setTimeout(() => document.getElementById(`transfer-service-${seat}`)?.focus());
  } else if (HELP_MODE_KEYS[key] && ticket && !e.shiftKey) session.toggleHelp(seat, HELP_MODE_KEYS[key]);
  else return false;
  return true;
}

function moveSeat(session: CounterSession, by: number): void {
  const n = session.view!.seats.length;
  session.select(((session.selectedSeat - 1 + by + n) % n) + 1);
  setTimeout(() => document.querySelector<HTMLElement>(`[data-seat="${session.selectedSeat}"] button`)?.focus());
}
