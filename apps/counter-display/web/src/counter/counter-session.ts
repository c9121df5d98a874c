import { ApiError, errorText, oneAtATime, staffToken } from '@skranke/web';
import { liveRefresh } from '../common/live-refresh';
import { t } from '../common/texts';
import { CounterChoice, CurrentView, HelpMode, Outcome, Placement, SignedInUser, StaffTicket, answer, api, onCounter, onTicket } from './counter-api';

/** Whether this page may work at its counter: it holds it, another does, or another took it over from us. */
export type HoldState = { kind: 'pending' } | { kind: 'mine' } | { kind: 'held'; name: string } | { kind: 'taken'; name: string };

/** A line under the controls: information (neutral, role=status) or a refusal (role=alert). */
export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/**
 * One counter worked at from this page: takes the counter's hold, follows the
 * site live, and runs every action, turning refusals into the page's words.
 * The components read its fields and `changed` asks them to render again.
 */
export class CounterSession {
  view: CurrentView | null = null;
  hold: HoldState = { kind: 'pending' };
  notice: Notice | null = null;
  offline = false;
  selectedSeat = 1;
  helpMode: Record<number, HelpMode | undefined> = {};
  transferSeat: number | null = null;
  private stopLive: (() => void) | null = null;
  private ended = false;

  constructor(
    readonly counter: CounterChoice,
    readonly me: SignedInUser,
    private readonly changed: () => void,
  ) {}

  async begin(): Promise<void> {
    await this.take(false);
    if (this.ended) return;
    addEventListener('pagehide', this.leftPage);
    this.stopLive = liveRefresh(this.counter.siteId, 'counter', staffToken() ?? '', () => void this.reload(), (s) => {
      this.offline = s === 'offline';
      this.changed();
    });
  }

  /** The page leaves this counter (another chosen, log-out): no more live updates, and the hold is let go. */
  async end(): Promise<void> {
    this.ended = true;
    removeEventListener('pagehide', this.leftPage);
    this.stopLive?.();
    this.stopLive = null;
    if (this.hold.kind === 'mine') await this.release(false);
  }

  /** The tab closed (or navigated away): the counter is let go, so the next person finds it free. */
  private leftPage = () => {
    if (this.hold.kind === 'mine') void this.release(true);
  };

  /** `keepalive`: the request outlives the page that sends it. */
  private release(keepalive: boolean): Promise<unknown> {
    return api.DELETE('/api/v1/counters/{counterId}/hold', { ...onCounter(this.counter.id), keepalive }).catch(() => undefined);
  }

  /** Takes the counter (or takes it over, after the page asked for confirmation). */
  async take(takeover: boolean): Promise<void> {
    try {
      await api.POST('/api/v1/counters/{counterId}/hold', { ...onCounter(this.counter.id), body: { takeover } });
      this.hold = { kind: 'mine' };
      this.notice = null;
    } catch (e) {
      this.refused(e);
    }
    await this.reload();
  }

  /** The counter's view again, answers in order, the last from after the last change (oneAtATime). */
  readonly reload = oneAtATime(async () => {
    await this.loadOnce();
    return !this.ended;
  });

  private async loadOnce(): Promise<void> {
    if (this.ended) return;
    const token = staffToken();
    try {
      const data = await answer(api.GET('/api/v1/counters/{counterId}/current', onCounter(this.counter.id)));
      // Signed out or moved on while it was on its way: the answer must not bring the counter back.
      if (this.ended || staffToken() !== token) return;
      this.view = data;
      this.followHold(data.hold);
      if (!data.seats.some((s) => s.seat === this.selectedSeat)) this.selectedSeat = 1;
    } catch (e) {
      this.notice = { kind: 'error', text: errorText(t, e) };
    }
    this.changed();
  }

  /** Another took the counter from us (told live), or the one holding it let go (we take it). */
  private followHold(hold: CurrentView['hold']): void {
    const other = hold && hold.userId !== this.me.id ? hold.userName : null;
    if (this.hold.kind === 'mine' && other) this.hold = { kind: 'taken', name: other };
    else if (this.hold.kind === 'held' && other) this.hold = { kind: 'held', name: other };
    else if (this.hold.kind === 'held' && !hold) void this.take(false);
  }

  private refused(e: unknown): void {
    if (e instanceof ApiError && e.code === 'counter_held') {
      const name = String(e.details?.userName ?? '');
      this.hold = this.hold.kind === 'mine' || this.hold.kind === 'taken' ? { kind: 'taken', name } : { kind: 'held', name };
      this.notice = null;
    } else {
      this.notice = { kind: 'error', text: errorText(t, e) };
    }
  }

  select(seat: number): void {
    this.selectedSeat = seat;
    this.changed();
  }

  toggleHelp(seat: number, mode: HelpMode): void {
    this.helpMode[seat] = this.helpMode[seat] === mode ? undefined : mode;
    this.changed();
  }

  toggleTransfer(seat: number | null): void {
    this.transferSeat = this.transferSeat === seat ? null : seat;
    this.changed();
  }

  ticketAt(seat: number): StaffTicket | null {
    return this.view?.seats.find((s) => s.seat === seat)?.ticket ?? null;
  }

  /** The seat a call goes to: the one asked for when free, else the first free one. */
  freeSeat(preferred: number): number | null {
    const seats = this.view?.seats ?? [];
    if (seats.some((s) => s.seat === preferred && !s.ticket)) return preferred;
    return seats.find((s) => !s.ticket)?.seat ?? null;
  }

  private async run(action: () => Promise<unknown>): Promise<boolean> {
    this.notice = null;
    this.changed();
    let ok = true;
    try {
      await action();
    } catch (e) {
      ok = false;
      this.refused(e);
    }
    await this.reload();
    return ok;
  }

  open = () => this.run(() => api.POST('/api/v1/counters/{counterId}/open', onCounter(this.counter.id)));
  /** `expectedMinutes`: how long the pause lasts, if said (the wait estimates count on the counter being back then). */
  pause = (reason: string, expectedMinutes: number | null = null) =>
    this.run(() =>
      api.POST('/api/v1/counters/{counterId}/pause', {
        ...onCounter(this.counter.id),
        body: { ...(reason ? { reason } : {}), ...(expectedMinutes ? { expectedMinutes } : {}) },
      }),
    );
  close = () => this.run(() => api.POST('/api/v1/counters/{counterId}/close', onCounter(this.counter.id)));

  callNext = (seat: number) =>
    this.run(async () => {
      const free = this.freeSeat(seat);
      const { data } = await api.POST('/api/v1/counters/{counterId}/call-next', { ...onCounter(this.counter.id), body: free ? { seat: free } : {} });
      if (!data) this.notice = { kind: 'info', text: t('nothingWaiting') };
      else this.selectedSeat = data.ticket.seat ?? free ?? seat;
    });

  /** "Call this number" from the waiting list. */
  callTicket = (ticketId: string) =>
    this.run(async () => {
      const free = this.freeSeat(this.selectedSeat);
      const data = await answer(
        api.POST('/api/v1/counters/{counterId}/call/{ticketId}', { params: { path: { counterId: this.counter.id, ticketId } }, body: free ? { seat: free } : {} }),
      );
      this.selectedSeat = data.ticket.seat ?? this.selectedSeat;
    });

  private onSeatTicket(seat: number, action: (ticketId: string) => Promise<unknown>): Promise<boolean> {
    const ticket = this.ticketAt(seat);
    return ticket ? this.run(() => action(ticket.id)) : Promise.resolve(false);
  }

  recall = (seat: number) => this.onSeatTicket(seat, (id) => api.POST('/api/v1/tickets/{ticketId}/recall', onTicket(id)));
  start = (seat: number) => this.onSeatTicket(seat, (id) => api.POST('/api/v1/tickets/{ticketId}/start', onTicket(id)));
  noShow = (seat: number) => this.onSeatTicket(seat, (id) => api.POST('/api/v1/tickets/{ticketId}/no-show', onTicket(id)));

  transfer = async (seat: number, serviceId: string, placement: Placement) => {
    const ok = await this.onSeatTicket(seat, (id) => api.POST('/api/v1/tickets/{ticketId}/transfer', { ...onTicket(id), body: { serviceId, placement } }));
    if (ok) this.transferSeat = null;
    this.changed();
  };

  finish = async (seat: number, outcome: Outcome, thenCallNext = false) => {
    const helpMode = this.helpMode[seat];
    const ok = await this.onSeatTicket(seat, (id) => api.POST('/api/v1/tickets/{ticketId}/finish', { ...onTicket(id), body: helpMode ? { outcome, helpMode } : { outcome } }));
    if (ok) delete this.helpMode[seat];
    if (ok && thenCallNext) await this.callNext(seat);
  };
}
