import { expectStatus } from '../support/http';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { io } from 'socket.io-client';

describe('counter-display access: displays only read, staff only act at their own site', () => {
  let sys: TestSystem;
  let a: SiteFixture;
  let b: SiteFixture;
  let ticketId: string;

  beforeAll(async () => {
    sys = await startSystem();
    a = await seedSite(sys);
    b = await seedSite(sys);
    await openCounter(sys, a, a.counters[0].id);
    const floor = sys.triage.as(a.tokens.floor);
    const enc = await floor.post(`/sites/${a.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: a.services[0].id, note: 'Needs an interpreter', flags: ['interpreter'] } });
    expectStatus(enc, 201);
    ticketId = enc.body.ticket.id;
  });
  afterAll(() => sys?.stop());

  it('a display token cannot call any counter endpoint', async () => {
    const display = sys.counterDisplay[0].as(a.tokens.display);
    const counterId = a.counters[0].id;
    for (const path of [`/counters/${counterId}/open`, `/counters/${counterId}/pause`, `/counters/${counterId}/close`, `/counters/${counterId}/call-next`, `/tickets/${ticketId}/recall`, `/tickets/${ticketId}/start`, `/tickets/${ticketId}/no-show`, `/tickets/${ticketId}/cancel`, `/tickets/${ticketId}/finish`]) {
      const res = await display.post(path, path.endsWith('finish') ? { outcome: 'resolved' } : {});
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'forbidden']);
    }
    expect((await display.get(`/counters/${counterId}/current`)).status).toBe(403);
    expect((await display.get('/me/counters')).status).toBe(403);
  });

  it('a display never receives a note: not in display-state, devices/me, nor on its socket channel', async () => {
    const display = sys.counterDisplay[0].as(a.tokens.display);
    const received: unknown[] = [];
    const types: string[] = [];
    const socket = io(sys.counterDisplayUrls[0], { path: '/socket.io', transports: ['websocket'], auth: { token: a.tokens.display } });
    socket.onAny((type, e) => (types.push(type), received.push(e)));
    const sub = await socket.emitWithAck('subscribe', { siteId: a.siteId, channel: 'display' });
    expect(sub.ok).toBe(true);
    expect((await socket.emitWithAck('subscribe', { siteId: a.siteId, channel: 'counter' })).ok).toBe(false);
    const called = await sys.counterDisplay[0].as(a.tokens.counter).post(`/counters/${a.counters[0].id}/call-next`);
    expectStatus(called, 200);
    expect(called.body.ticket.id).toBe(ticketId);
    const staffView = await sys.counterDisplay[0].as(a.tokens.counter).get(`/counters/${a.counters[0].id}/current`);
    expect(staffView.body.seats[0].ticket.note).toBe('Needs an interpreter');
    for (let waited = 0; !types.includes('ticket.called') && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(types).toContain('ticket.called');
    const sync = await socket.emitWithAck('sync', { siteId: a.siteId, sinceSeq: 0 });
    const state = await display.get(`/sites/${a.siteId}/display-state`);
    const me = await display.get('/devices/me');
    expectStatus(me, 200);
    expect(me.body.site.id).toBe(a.siteId);
    socket.close();
    for (const seen of [received, state.body, me.body]) {
      expect(JSON.stringify(seen)).not.toContain('interpreter');
      expect(JSON.stringify(seen)).not.toMatch(/"note"|displayName|counter user/);
    }
    expect(JSON.stringify(sync)).not.toContain('Needs an interpreter');
  });

  it('devices/me refuses staff and missing tokens in the API error shape', async () => {
    const none = await sys.counterDisplay[0].get('/devices/me');
    expect([none.status, none.body.error.code]).toEqual([401, 'unauthenticated']);
    const staff = await sys.counterDisplay[0].as(a.tokens.counter).get('/devices/me');
    expect([staff.status, staff.body.error.code]).toEqual([403, 'not_a_device']);
  });

  it('a counter user cannot act on or read another site’s counter, even all at once', async () => {
    await issueTickets(sys, b, b.services[0].id, 1);
    const foreign = sys.counterDisplay[0].as(a.tokens.counter);
    const results = await Promise.all([
      foreign.post(`/counters/${b.counters[0].id}/open`),
      foreign.post(`/counters/${b.counters[0].id}/call-next`),
      foreign.post(`/counters/${b.counters[1].id}/close`),
      foreign.get(`/counters/${b.counters[0].id}/current`),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const mine = await foreign.get('/me/counters');
    expect(mine.body.map((c: { siteId: string }) => c.siteId)).toEqual(a.counters.map(() => a.siteId));
  });

  it('rejects malformed ids and bodies with 4xx, never 5xx', async () => {
    const api = sys.counterDisplay[0].as(a.tokens.counter);
    expect((await api.get('/counters/not-a-uuid/current')).status).toBe(400);
    expect((await api.get('/counters/00000000-0000-4000-8000-000000000000/current')).status).toBe(404);
    expect((await api.post(`/counters/${a.counters[1].id}/call-next`, { seat: 'two' })).status).toBe(400);
  });
});
