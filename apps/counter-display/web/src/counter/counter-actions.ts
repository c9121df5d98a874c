import { ApiClient, ApiError } from '@skranke/web';
import { t } from '../common/texts';
import { Outcome, PageState, Placement, StaffTicket } from './counter-types';

/** Every action at the counter: calls the API, shows failures in plain words, then reloads the counter's view. */
export class CounterActions {
  constructor(
    private readonly api: ApiClient,
    private readonly state: PageState,
    private readonly reload: () => Promise<void>,
  ) {}

  private get counterId() {
    return this.state.view!.counter.id;
  }

  ticketAt(seat: number): StaffTicket | null {
    return this.state.view?.seats.find((s) => s.seat === seat)?.ticket ?? null;
  }

  freeSeat(preferred: number): number | null {
    const seats = this.state.view?.seats ?? [];
    if (seats.some((s) => s.seat === preferred && !s.ticket)) return preferred;
    return seats.find((s) => !s.ticket)?.seat ?? null;
  }

  private async run(action: () => Promise<unknown>): Promise<boolean> {
    this.state.message = null;
    let ok = true;
    try {
      await action();
    } catch (e) {
      ok = false;
      this.state.message = describeError(e);
    }
    await this.reload();
    return ok;
  }

  open = () => this.run(() => this.api.post(`/counters/${this.counterId}/open`));
  pause = (reason: string) => this.run(() => this.api.post(`/counters/${this.counterId}/pause`, reason ? { reason } : {}));
  close = () => this.run(() => this.api.post(`/counters/${this.counterId}/close`));

  callNext = (seat: number) =>
    this.run(async () => {
      const free = this.freeSeat(seat);
      const res = await this.api.post(`/counters/${this.counterId}/call-next`, free ? { seat: free } : {});
      if (!res) this.state.message = t('nothingWaiting');
      else this.state.selectedSeat = res.ticket?.seat ?? free ?? seat;
    });

  private onTicket = (seat: number, path: string, body?: unknown) => {
    const ticket = this.ticketAt(seat);
    if (!ticket) return Promise.resolve(false);
    return this.run(() => this.api.post(`/tickets/${ticket.id}/${path}`, body));
  };

  recall = (seat: number) => this.onTicket(seat, 'recall');
  start = (seat: number) => this.onTicket(seat, 'start');
  noShow = (seat: number) => this.onTicket(seat, 'no-show');
  transfer = async (seat: number, serviceId: string, placement: Placement) => {
    const ok = await this.onTicket(seat, 'transfer', { serviceId, placement });
    if (ok) this.state.transferSeat = null;
    return ok;
  };

  finish = async (seat: number, outcome: Outcome, thenCallNext = false) => {
    const helpMode = this.state.helpMode[seat];
    const ok = await this.onTicket(seat, 'finish', helpMode ? { outcome, helpMode } : { outcome });
    if (ok) delete this.state.helpMode[seat];
    if (ok && thenCallNext) await this.callNext(seat);
  };
}

export function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.generic', { message: String((e as Error)?.message ?? e) });
  const known = t(`error.${e.code}`);
  if (known !== `error.${e.code}`) return known;
  if (e.status === 409) return t('error.conflict');
  return t('error.generic', { message: e.message });
}
