import { FeedEvent, FeedSocket, SiteFeed } from '../../libs/realtime/src/client';

const SITE = 'site-1';
const WAIT = 400;

/** A hub as the feed sees it: a log of committed events it delivers in whatever order the test says, and `sync` over that log. */
class FakeHub implements FeedSocket {
  connected = true;
  readonly log: FeedEvent[] = [];
  /** `sinceSeq` of every sync the feed sent. */
  readonly syncs: number[] = [];
  private readonly listeners = new Map<string, (() => void)[]>();
  private any: (event: string, ...args: unknown[]) => void = () => undefined;

  commit(n: number): void {
    for (let i = 0; i < n; i++) this.log.push({ seq: this.log.length + 1, siteId: SITE, at: new Date(0).toISOString(), type: 'ticket.called' });
  }
  deliver(...seqs: number[]): void {
    for (const seq of seqs) {
      const e = this.log[seq - 1];
      this.any(e.type, e);
    }
  }
  reconnect(): void {
    for (const l of this.listeners.get('connect') ?? []) l();
  }
  on(event: 'connect' | 'disconnect', listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  onAny(listener: (event: string, ...args: unknown[]) => void) {
    this.any = listener;
  }
  emit(event: string, payload: any, ack: (res: unknown) => void) {
    const head = this.log.length;
    if (event === 'subscribe') return ack({ ok: true, data: { seq: head } });
    this.syncs.push(payload.sinceSeq);
    if (payload.sinceSeq < 0) return ack({ ok: true, data: { kind: 'snapshot', state: { seq: head } } });
    const events = this.log.slice(payload.sinceSeq).map(({ type, seq, siteId, at }) => ({ type, seq, siteId, at, payload: {} }));
    return ack({ ok: true, data: { kind: 'events', events } });
  }
}

type Model = { seq: number; applied: number[] };
const reducer = {
  fromSnapshot: (s: { seq: number }): Model => ({ seq: s.seq, applied: [] }),
  apply: (m: Model, e: FeedEvent): Model => ({ seq: e.seq, applied: [...m.applied, e.seq] }),
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The feed under events that arrive out of seq order, as they do when several
 * apps publish at once: it waits briefly for a missing seq instead of syncing
 * on every gap, applies each event once in order, and syncs only for a seq that
 * never comes or after a reconnect.
 */
describe('SiteFeed gaps', () => {
  let hub: FakeHub;
  let feed: SiteFeed<Model>;

  beforeEach(async () => {
    jest.useFakeTimers();
    hub = new FakeHub();
    feed = new SiteFeed<Model>(hub, { siteId: SITE, channel: 'display' }, reducer, undefined, { gapWaitMs: WAIT });
    await jest.advanceTimersByTimeAsync(0);
    expect(hub.syncs).toEqual([-1]); // the snapshot on subscribing
  });
  afterEach(() => jest.useRealTimers());

  it('a burst with neighbouring events swapped is applied in seq order, once each, without a sync', async () => {
    hub.commit(100);
    for (let seq = 1; seq <= 100; seq += 2) hub.deliver(seq + 1, seq);
    await jest.advanceTimersByTimeAsync(WAIT * 3);
    expect(feed.model!.applied).toEqual(range(1, 100));
    expect(hub.syncs).toEqual([-1]);
  });

  it('holds later events while the missing one is on its way, then applies them in order', async () => {
    hub.commit(3);
    hub.deliver(1, 3);
    await jest.advanceTimersByTimeAsync(WAIT - 100);
    expect(feed.model!.applied).toEqual([1]);
    hub.deliver(2);
    await jest.advanceTimersByTimeAsync(WAIT * 3);
    expect(feed.model!.applied).toEqual([1, 2, 3]);
    expect(hub.syncs).toEqual([-1]);
  });

  it('gaps one after the other, each filled in time, never sync however long the stream goes on', async () => {
    hub.commit(40);
    for (let seq = 1; seq <= 40; seq += 2) {
      hub.deliver(seq + 1);
      await jest.advanceTimersByTimeAsync(WAIT - 50);
      hub.deliver(seq);
    }
    await jest.advanceTimersByTimeAsync(WAIT * 3);
    expect(feed.model!.applied).toEqual(range(1, 40));
    expect(hub.syncs).toEqual([-1]);
  });

  it('a seq that never comes costs one sync, after the wait, and every event still applies once', async () => {
    hub.commit(5);
    hub.deliver(1, 3, 4);
    await jest.advanceTimersByTimeAsync(WAIT - 1);
    expect(hub.syncs).toEqual([-1]);
    await jest.advanceTimersByTimeAsync(1);
    expect(hub.syncs).toEqual([-1, 1]);
    hub.deliver(5, 2, 3);
    await jest.advanceTimersByTimeAsync(WAIT * 3);
    expect(feed.model!.applied).toEqual(range(1, 5));
    expect(hub.syncs).toEqual([-1, 1]);
  });

  it('a reconnect syncs at once, gap or no gap', async () => {
    hub.commit(3);
    hub.deliver(1, 3);
    hub.reconnect();
    await jest.advanceTimersByTimeAsync(0);
    expect(hub.syncs).toEqual([-1, -1]);
    expect(feed.model!.seq).toBe(3);
    await jest.advanceTimersByTimeAsync(WAIT * 3);
    expect(hub.syncs).toEqual([-1, -1]);
  });
});
