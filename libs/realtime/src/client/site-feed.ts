import type { FeedEvent } from './display-model';

/** The part of a socket.io client socket the feed uses (keeps this file free of the client library). */
export interface FeedSocket {
  connected: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(event: string, payload: unknown, ack: (res: any) => void): unknown;
}

export interface FeedReducer<M> {
  fromSnapshot(state: any): M;
  apply(model: M, event: FeedEvent): M;
}

export interface FeedOptions {
  /**
   * How long a gap may stay open before the feed syncs. Events from different apps reach the hub
   * slightly out of `seq` order; the missing one nearly always follows within milliseconds, and a
   * sync for each such gap would load the database for nothing with hundreds of screens.
   */
  gapWaitMs?: number;
}

export const DEFAULT_GAP_WAIT_MS = 400;

type SyncAnswer = { kind: 'events'; events: { type: string; seq: number; siteId: string; at: string; payload: Record<string, unknown> }[] } | { kind: 'snapshot'; state: any };

/**
 * Keeps a model equal to the server's: applies events in `seq` order, holds
 * back early ones, syncs at once after every (re)connect, and on a gap waits
 * `gapWaitMs` for the missing seq before it syncs. Nothing from a burst is
 * dropped; a duplicate or late event is ignored.
 */
export class SiteFeed<M extends { seq: number }> {
  model: M | null = null;
  private pending = new Map<number, FeedEvent>();
  private syncing: Promise<void> | null = null;
  /** The seq a gap waits for, and the timer that syncs if it does not come. */
  private gap: { seq: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private readonly gapWaitMs: number;

  constructor(
    private readonly socket: FeedSocket,
    private readonly subscription: { siteId: string; channel: string; trackingToken?: string },
    private readonly reducer: FeedReducer<M>,
    private readonly onChange: (model: M, event: FeedEvent | null) => void = () => undefined,
    options: FeedOptions = {},
  ) {
    this.gapWaitMs = options.gapWaitMs ?? DEFAULT_GAP_WAIT_MS;
    socket.on('connect', () => void this.resubscribe());
    socket.onAny((type, event) => this.receive(type, event as FeedEvent));
    if (socket.connected) void this.resubscribe();
  }

  private async resubscribe(): Promise<void> {
    const res = await this.request('subscribe', this.subscription);
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    await this.sync(true);
  }

  private receive(type: string, event: FeedEvent): void {
    if (!event || typeof event.seq !== 'number' || event.siteId !== this.subscription.siteId) return;
    if (!this.model || this.syncing) {
      this.pending.set(event.seq, { ...event, type });
      return;
    }
    if (event.seq <= this.model.seq) return;
    this.pending.set(event.seq, { ...event, type });
    this.drain();
  }

  private drain(): void {
    if (!this.model) return;
    for (const seq of [...this.pending.keys()].sort((a, b) => a - b)) {
      if (seq <= this.model.seq) this.pending.delete(seq);
      else if (seq === this.model.seq + 1) {
        const event = this.pending.get(seq)!;
        this.pending.delete(seq);
        this.model = this.reducer.apply(this.model, event);
        this.onChange(this.model, event);
      } else break;
    }
    this.watchGap();
  }

  /** Arms the gap's timer for the seq now missing, if any; a gap that filled disarms it. */
  private watchGap(): void {
    const missing = this.model && this.pending.size && !this.syncing ? this.model.seq + 1 : null;
    if (this.gap?.seq === missing) return;
    if (this.gap) clearTimeout(this.gap.timer);
    this.gap = null;
    if (missing === null) return;
    const timer = setTimeout(() => {
      this.gap = null;
      if (this.model && this.model.seq < missing) void this.sync(false);
    }, this.gapWaitMs);
    this.gap = { seq: missing, timer };
  }

  /** Catch up from the log, or take a snapshot when there is no model yet or the gap is too old. */
  sync(fresh: boolean): Promise<void> {
    if (this.syncing) return this.syncing;
    if (this.gap) clearTimeout(this.gap.timer);
    this.gap = null;
    this.syncing = (async () => {
      try {
        const since = fresh || !this.model ? -1 : this.model.seq;
        const res = await this.request('sync', { siteId: this.subscription.siteId, sinceSeq: since });
        if (!res.ok) return;
        const answer = res.data as SyncAnswer;
        if (answer.kind === 'snapshot') {
          this.model = this.reducer.fromSnapshot(answer.state);
          this.onChange(this.model, null);
        } else {
          for (const e of answer.events) this.pending.set(e.seq, { ...e.payload, seq: e.seq, siteId: e.siteId, at: e.at, type: e.type });
        }
      } finally {
        this.syncing = null;
      }
      this.drain();
    })();
    return this.syncing;
  }

  private request(event: string, payload: unknown): Promise<any> {
    return new Promise((resolve) => this.socket.emit(event, payload, resolve));
  }
}
