import type { Socket } from 'socket.io-client';
import { DEFAULT_GAP_WAIT_MS, DisplayModel, FeedEvent, FeedSocket, SiteFeed, applyDisplayEvent, displayFromSnapshot } from '../../libs/realtime/src/client';
import { issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { closeAllSockets, openSocket, waitFor } from './sockets';

/** The feed's socket, counting the syncs it sends (the display's load on the database). */
function counting(socket: Socket): FeedSocket & { syncs: number } {
  const counted = {
    syncs: 0,
    get connected() {
      return socket.connected;
    },
    on: (event: 'connect' | 'disconnect', listener: () => void) => socket.on(event, listener),
    onAny: (listener: (event: string, ...args: unknown[]) => void) => socket.onAny(listener),
    emit: (event: string, payload: unknown, ack: (res: any) => void) => {
      if (event === 'sync') counted.syncs++;
      return socket.emit(event, payload, ack);
    },
  };
  return counted;
}

/**
 * Waiting-room displays while 20 kiosks issue tickets through the ticketing app
 * and four counters call through counter-display, all at once: events from the
 * two apps reach the hub slightly out of seq order. Each display applies every
 * event once, in seq order, and ends equal to the server, with no sync beyond
 * the one on subscribing for gaps that fill within the wait.
 */
describe('displays under an out-of-order burst', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
  });
  afterAll(async () => {
    closeAllSockets();
    await sys.stop();
  });

  it('apply every event once in seq order and converge, without a sync per out-of-order event', async () => {
    const f = await seedSite(sys, { counters: 4 });
    const admin = sys.triage.as(f.tokens.admin);
    const kiosks = [f.tokens.kiosk];
    while (kiosks.length < 20) {
      const res = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: `kiosk ${kiosks.length + 1}` });
      expectStatus(res, 201);
      kiosks.push(res.body.token);
    }
    for (const s of f.services) await issueTickets(sys, f, s.id, 4);
    for (const c of f.counters) await openCounter(sys, f, c.id);

    // Six display feeds over both hub instances, each socket also noting when each seq arrived live.
    const displays = Array.from({ length: 6 }, (_, i) => {
      const raw = openSocket(sys.counterDisplayUrls[i % 2], f.tokens.display).socket;
      const arrived = new Map<number, number>();
      raw.onAny((_type: string, e: { seq: number }) => arrived.set(e.seq, Date.now()));
      const socket = counting(raw);
      const applied: number[] = [];
      const feed = new SiteFeed<DisplayModel>(socket, { siteId: f.siteId, channel: 'display' }, { fromSnapshot: displayFromSnapshot, apply: applyDisplayEvent }, (_m, e: FeedEvent | null) => {
        if (e) applied.push(e.seq);
      });
      return { socket, feed, applied, arrived };
    });
    await waitFor('every display snapshot', () => displays.every((d) => d.feed.model));
    const from = displays.map((d) => d.feed.model!.seq);
    expect(displays.map((d) => d.socket.syncs)).toEqual(displays.map(() => 1));

    const counter = sys.counterDisplay[0].as(f.tokens.counter);
    await Promise.all([
      ...kiosks.map(async (token, k) => {
        for (let i = 0; i < 5; i++) {
          const res = await sys.ticketing.as(token).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[(k + i) % 3].id });
          expectStatus(res, 201);
        }
      }),
      ...f.counters.map(async (c) => {
        for (let i = 0; i < 10; i++) {
          const called = await counter.post(`/counters/${c.id}/call-next`);
          expectStatus(called, 200);
          expectStatus(await counter.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
        }
      }),
    ]);

    const server = await sys.counterDisplay[1].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`);
    expectStatus(server, 200);
    const head: number = server.body.seq;
    await waitFor('every display at the head', () => displays.every((d) => d.feed.model!.seq === head), 15_000);

    for (const [i, d] of displays.entries()) {
      const seqs = Array.from({ length: head - from[i] }, (_, k) => from[i] + 1 + k);
      // Each event applied once, in seq order, and the model equal to the server's.
      expect(d.applied).toEqual(seqs);
      expect(d.feed.model!.recentCalls).toEqual(server.body.recentCalls);
      const waiting = (s: DisplayModel['services']) => Object.fromEntries(s.map((x) => [x.serviceId, x.waiting]));
      expect(waiting(d.feed.model!.services)).toEqual(waiting(server.body.services));
    }
    // How the events reached each socket: `early`, ahead of a lower seq (each a gap, and a sync
    // without the wait); `late`, a seq that came only after the wait, or never (at most one sync each).
    const arrival = (d: (typeof displays)[number], seq: number) => d.arrived.get(seq) ?? Infinity;
    const aheadOf = (d: (typeof displays)[number], seq: number) => Math.min(...[...d.arrived].filter(([s]) => s > seq).map(([, at]) => at), Infinity);
    const counts = displays.map((d, i) => {
      const seqs = Array.from({ length: head - from[i] }, (_, k) => from[i] + 1 + k);
      const early = seqs.filter((seq) => aheadOf(d, seq) < arrival(d, seq)).length;
      const late = seqs.filter((seq) => arrival(d, seq) - aheadOf(d, seq) >= DEFAULT_GAP_WAIT_MS - 5).length; // timers and Date.now may differ by a tick
      return { early, late, syncs: d.socket.syncs };
    });
    expect(counts.reduce((n, c) => n + c.early, 0)).toBeGreaterThan(displays.length);
    // One sync on subscribing, and beyond it none for a gap that filled within the wait.
    for (const c of counts) expect(c.syncs).toBeLessThanOrEqual(1 + c.late);
  });
});
