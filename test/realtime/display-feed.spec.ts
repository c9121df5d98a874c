import { DisplayModel, SiteFeed, applyDisplayEvent, displayFromSnapshot } from '../../libs/realtime/src/client';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { Seen, closeAllSockets, connected, openSocket, request, sleep, subscribed, waitFor } from './sockets';

/**
 * The waiting-room display over socket.io, as the display page uses it: every
 * call arrives, in seq order, with no gap; a display knocked off the network
 * catches up to exactly what the server says; and it never sees a note.
 */
describe('the display feed', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
  });
  afterAll(async () => {
    closeAllSockets();
    await sys.stop();
  });

  const counterApi = (f: SiteFixture, instance = 0) => sys.counterDisplay[instance].as(f.tokens.counter);

  /** Calls the next ticket at a counter and finishes it, freeing the seat; returns the called number. */
  async function callAndFinish(api: Api, counterId: string): Promise<string> {
    const called = await api.post(`/counters/${counterId}/call-next`);
    expectStatus(called, 200);
    expectStatus(await api.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
    return called.body.ticket.number;
  }

  async function displayState(f: SiteFixture, instance = 0) {
    const res = await sys.counterDisplay[instance].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`);
    expectStatus(res, 200);
    return res.body as { siteId: string; seq: number; recentCalls: DisplayModel['recentCalls']; services: DisplayModel['services'] };
  }

  /** Tickets spread over the site's services, so queue counts move for more than one. */
  async function issueSpread(f: SiteFixture, n: number) {
    for (let i = 0; i < n; i++) await issueTickets(sys, f, f.services[i % f.services.length].id, 1);
  }

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  function expectModelEqualsServer(model: DisplayModel, server: Awaited<ReturnType<typeof displayState>>) {
    expect(model.seq).toBe(server.seq);
    expect(model.recentCalls).toEqual(server.recentCalls);
    const waiting = (s: DisplayModel['services']) => Object.fromEntries(s.map((x) => [x.serviceId, x.waiting]));
    expect(waiting(model.services)).toEqual(waiting(server.services));
  }

  function startFeed(url: string, f: SiteFixture) {
    const s = openSocket(url, f.tokens.display);
    const errors: unknown[] = [];
    const feed = new SiteFeed<DisplayModel>(s.socket, { siteId: f.siteId, channel: 'display' }, { fromSnapshot: displayFromSnapshot, apply: applyDisplayEvent });
    return { ...s, feed, errors };
  }

  it('delivers every call made in quick succession, in the order made, with consecutive seqs', async () => {
    const f = await seedSite(sys, { counters: 1 });
    await issueSpread(f, 15);
    await openCounter(sys, f, f.counters[0].id);
    const display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });

    const made: string[] = [];
    for (let i = 0; i < 15; i++) made.push(await callAndFinish(counterApi(f), f.counters[0].id));
    const { seq: last } = await displayState(f);
    await waitFor('the last event on the display', () => display.events.at(-1)?.seq === last);

    // Raw arrival order: every seq after the subscription, once, in order.
    expect(display.events.map((e) => e.seq)).toEqual(range(display.seq + 1, last));
    expect(display.events.every((e) => e.siteId === f.siteId && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(display.events.filter((e) => e.type === 'ticket.called').map((e) => e.number)).toEqual(made);
    expect(display.events.filter((e) => e.type === 'ticket.called').map((e) => e.counterName)).toEqual(made.map(() => 'Skranke 1'));
  });

  it('loses nothing in a burst of simultaneous calls from several counters', async () => {
    const f = await seedSite(sys, { counters: 4 });
    await issueSpread(f, 40);
    for (const c of f.counters) await openCounter(sys, f, c.id);
    const display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    const live = startFeed(sys.counterDisplayUrls[0], f);
    await waitFor('the feed snapshot', () => live.feed.model);

    const byCounter = new Map<string, string[]>(f.counters.map((c) => [c.name, []]));
    for (let round = 0; round < 10; round++) {
      const called = await Promise.all(f.counters.map((c) => counterApi(f).post(`/counters/${c.id}/call-next`)));
      for (const [i, res] of called.entries()) {
        expectStatus(res, 200);
        byCounter.get(f.counters[i].name)!.push(res.body.ticket.number);
      }
      await Promise.all(called.map((res) => counterApi(f).post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' })));
    }
    const server = await displayState(f);
    await waitFor('every event on the raw socket', () => display.events.length >= server.seq - display.seq);
    await sleep(200); // anything extra (a duplicate) would arrive now

    const seqs = display.events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(range(display.seq + 1, server.seq));
    const calls = display.events.filter((e) => e.type === 'ticket.called');
    expect(calls).toHaveLength(40);
    expect(new Set(calls.map((e) => e.number)).size).toBe(40);
    // Each counter's calls reach the display in the order that counter made them.
    for (const [name, numbers] of byCounter) {
      expect(calls.filter((e) => e.counterName === name).sort((a, b) => a.seq - b.seq).map((e) => e.number)).toEqual(numbers);
    }
    // The display page's own model, fed by the same burst, ends where the server is.
    await waitFor('the feed to reach the server seq', () => live.feed.model?.seq === server.seq);
    expectModelEqualsServer(live.feed.model!, await displayState(f));
  });

  it('a display knocked off the network during 50 calls reconnects, syncs and ends equal to display-state', async () => {
    const f = await seedSite(sys, { counters: 2 });
    await issueSpread(f, 56);
    for (const c of f.counters) await openCounter(sys, f, c.id);
    const live = startFeed(sys.counterDisplayUrls[0], f);
    await waitFor('the feed snapshot', () => live.feed.model);
    const startSeq = live.feed.model!.seq;
    let disconnects = 0;
    live.socket.on('disconnect', () => disconnects++);

    const made: string[] = [];
    for (let i = 0; i < 50; i++) {
      if (i === 10) live.socket.io.engine.close(); // the network drops; the client reconnects by itself
      if (i === 30) live.socket.disconnect(); // the page goes offline for a while…
      if (i === 36) live.socket.connect(); // …and comes back
      made.push(await callAndFinish(counterApi(f), f.counters[i % 2].id));
    }
    const server = await displayState(f);
    await waitFor('the feed to reach the server seq', () => live.feed.model?.seq === server.seq);

    expect(disconnects).toBeGreaterThanOrEqual(2);
    // The socket really missed events while it was off the line: the sync had work to do.
    const received = new Set(live.events.map((e) => e.seq));
    expect(range(startSeq + 1, server.seq).filter((s) => !received.has(s)).length).toBeGreaterThan(0);
    expectModelEqualsServer(live.feed.model!, server);
    expect(live.feed.model!.recentCalls.map((c) => c.number)).toEqual(made.slice(-10).reverse());
  });

  it('a call made through counter-display instance A reaches a display connected to instance B, and back', async () => {
    const f = await seedSite(sys, { counters: 2 });
    await issueSpread(f, 4);
    await openCounter(sys, f, f.counters[0].id, sys.counterDisplay[0]);
    await openCounter(sys, f, f.counters[1].id, sys.counterDisplay[1]);
    const onA = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    const onB = await subscribed(sys.counterDisplayUrls[1], f.tokens.display, { siteId: f.siteId, channel: 'display' });

    const viaA = await counterApi(f, 0).post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(viaA, 200);
    const seenOnB = await waitFor('the call via A on B', () => onB.events.find((e) => e.type === 'ticket.called' && e.ticketId === viaA.body.ticket.id));
    expect(seenOnB).toMatchObject({ number: viaA.body.ticket.number, counterName: 'Skranke 1', siteId: f.siteId });

    const viaB = await counterApi(f, 1).post(`/counters/${f.counters[1].id}/call-next`);
    expectStatus(viaB, 200);
    const seenOnA = await waitFor('the call via B on A', () => onA.events.find((e) => e.type === 'ticket.called' && e.ticketId === viaB.body.ticket.id));
    expect(seenOnA).toMatchObject({ number: viaB.body.ticket.number, counterName: 'Skranke 2' });
    // Both displays saw the same stream.
    const last = (await displayState(f, 1)).seq;
    await waitFor('both displays at the last seq', () => onA.events.at(-1)?.seq === last && onB.events.at(-1)?.seq === last);
    expect(onB.events.map((e) => e.seq)).toEqual(onA.events.map((e) => e.seq));
  });

  it("never shows a floor-walker's note or flags on a display, while the floor channel gets them", async () => {
    const f = await seedSite(sys, { counters: 1 });
    const NOTE = 'Needs help with pension form';
    const display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    const floor = await subscribed(sys.counterDisplayUrls[1], f.tokens.floor, { siteId: f.siteId, channel: 'floor' });

    const encounter = await sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/encounters`, {
      outcome: 'ticket',
      ticket: { serviceId: f.services[0].id, note: NOTE, flags: ['interpreter'] },
    });
    expectStatus(encounter, 201);
    const ticket = encounter.body.ticket;
    const citizen = await subscribed(sys.counterDisplayUrls[0], undefined, { siteId: f.siteId, channel: 'ticket', trackingToken: ticket.trackingToken });

    const floorIssued = await waitFor('ticket.issued on the floor', () => floor.events.find((e) => e.type === 'ticket.issued' && e.id === ticket.id));
    expect(floorIssued).toMatchObject({ note: NOTE, flags: ['interpreter'], number: ticket.number });

    await openCounter(sys, f, f.counters[0].id);
    const called = await counterApi(f).post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(called, 200);
    expect(called.body.ticket).toMatchObject({ note: NOTE, flags: ['interpreter'] }); // the counter needs it

    const floorCalled = await waitFor('ticket.called on the floor', () => floor.events.find((e) => e.type === 'ticket.called'));
    expect(floorCalled).toMatchObject({ note: NOTE, flags: ['interpreter'] });
    const displayIssued = await waitFor('ticket.issued on the display', () => display.events.find((e) => e.type === 'ticket.issued'));
    expect(displayIssued.seq).toBe(floorIssued.seq);
    await waitFor('ticket.called on the display', () => display.events.find((e) => e.type === 'ticket.called' && e.number === ticket.number));
    await waitFor('ticket.called on the citizen page', () => citizen.events.find((e) => e.type === 'ticket.called'));

    const leaks = (events: Seen[] | unknown) => {
      const text = JSON.stringify(events);
      return ['pension', 'interpreter', '"note"', '"flags"'].filter((w) => text.includes(w));
    };
    expect(display.events.length).toBeGreaterThanOrEqual(4);
    expect(leaks(display.events)).toEqual([]);
    expect(leaks(citizen.events)).toEqual([]);
    // Catching up through sync replays the log, which never held the note either.
    const replay = await request(display.socket, 'sync', { siteId: f.siteId, sinceSeq: display.seq });
    expect(replay).toMatchObject({ ok: true, data: { kind: 'events' } });
    expect((replay as any).data.events.length).toBeGreaterThanOrEqual(4);
    expect(leaks(replay)).toEqual([]);
    const snapshot = await request(display.socket, 'sync', { siteId: f.siteId, sinceSeq: -1 });
    expect(snapshot).toMatchObject({ ok: true, data: { kind: 'snapshot' } });
    expect(leaks(snapshot)).toEqual([]);
    expect(leaks(await displayState(f))).toEqual([]);
  });

  describe('refuses channels a token may not see', () => {
    let f: SiteFixture;
    let other: SiteFixture;
    beforeAll(async () => {
      f = await seedSite(sys, { counters: 1 });
      other = await seedSite(sys, { counters: 1 });
    });

    async function subscribeAs(token: string | undefined, req: Record<string, unknown>) {
      const s = openSocket(sys.counterDisplayUrls[0], token);
      await connected(s.socket);
      const res = await request(s.socket, 'subscribe', req);
      return { ...s, res };
    }
    const code = (r: { res: any }) => (r.res.ok ? 'ok' : r.res.error.code);

    it('a display token sees the display channel of its own site only', async () => {
      expect(code(await subscribeAs(f.tokens.display, { siteId: f.siteId, channel: 'display' }))).toBe('ok');
      expect(code(await subscribeAs(f.tokens.display, { siteId: f.siteId, channel: 'floor' }))).toBe('forbidden');
      expect(code(await subscribeAs(f.tokens.display, { siteId: f.siteId, channel: 'counter' }))).toBe('forbidden');
      expect(code(await subscribeAs(f.tokens.display, { siteId: other.siteId, channel: 'display' }))).toBe('forbidden');
      expect(code(await subscribeAs(f.tokens.kiosk, { siteId: f.siteId, channel: 'display' }))).toBe('forbidden');
    });

    it('staff see the channels of their role', async () => {
      expect(code(await subscribeAs(f.tokens.floor, { siteId: f.siteId, channel: 'floor' }))).toBe('ok');
      expect(code(await subscribeAs(f.tokens.counter, { siteId: f.siteId, channel: 'counter' }))).toBe('ok');
      expect(code(await subscribeAs(f.tokens.counter, { siteId: f.siteId, channel: 'floor' }))).toBe('forbidden');
      expect(code(await subscribeAs(f.tokens.floor, { siteId: other.siteId, channel: 'floor' }))).toBe('forbidden');
    });

    it('a refused socket gets none of the channel events', async () => {
      const refused = await subscribeAs(f.tokens.display, { siteId: f.siteId, channel: 'floor' });
      const encounter = await sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/encounters`, {
        outcome: 'ticket',
        ticket: { serviceId: f.services[1].id, note: 'Needs help with pension form', flags: ['interpreter'] },
      });
      expectStatus(encounter, 201);
      await sleep(300);
      expect(refused.events).toEqual([]);
      expect(await request(refused.socket, 'sync', { siteId: f.siteId, sinceSeq: 0 })).toMatchObject({ ok: false, error: { code: 'not_subscribed' } });
    });

    it('without a token only the ticket channel with a valid tracking token works', async () => {
      const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
      expect(code(await subscribeAs(undefined, { siteId: f.siteId, channel: 'display' }))).toBe('forbidden');
      expect(code(await subscribeAs(undefined, { siteId: f.siteId, channel: 'floor' }))).toBe('forbidden');
      expect(code(await subscribeAs(undefined, { siteId: f.siteId, channel: 'counter' }))).toBe('forbidden');
      expect(code(await subscribeAs(undefined, { siteId: f.siteId, channel: 'ticket' }))).toBe('invalid_request');
      expect(code(await subscribeAs(undefined, { siteId: f.siteId, channel: 'ticket', trackingToken: 'x'.repeat(32) }))).toBe('ticket_not_found');
      expect(code(await subscribeAs(undefined, { siteId: other.siteId, channel: 'ticket', trackingToken: ticket.trackingToken }))).toBe('ticket_not_found');
      const citizen = await subscribeAs(undefined, { siteId: f.siteId, channel: 'ticket', trackingToken: ticket.trackingToken });
      expect(citizen.res).toMatchObject({ ok: true, data: { ticketId: ticket.id } });

      await openCounter(sys, f, f.counters[0].id);
      // Earlier tests left a floor ticket waiting ahead of this one: call until it is this ticket's turn.
      for (let i = 0; i < 5; i++) {
        const res = await counterApi(f).post(`/counters/${f.counters[0].id}/call-next`);
        expectStatus(res, 200);
        if (res.body.ticket.id === ticket.id) break;
        expectStatus(await counterApi(f).post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
      }
      const called = await waitFor('the citizen sees the call', () => citizen.events.find((e) => e.type === 'ticket.called'));
      expect(called).toMatchObject({ ticketId: ticket.id, number: ticket.number, counterName: 'Skranke 1' });
      expect(citizen.events.every((e) => e.type === 'queue.changed' || e.ticketId === ticket.id)).toBe(true);
    });

    it('an invalid token is disconnected at the handshake', async () => {
      const s = openSocket(sys.counterDisplayUrls[0], 'not-a-valid-token');
      const reason = await new Promise<string>((resolve) => s.socket.on('disconnect', resolve));
      expect(reason).toBe('io server disconnect');
    });
  });
});
