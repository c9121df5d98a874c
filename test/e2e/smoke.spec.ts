import { seedSite, issueTickets, openCounter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('a visit end to end over HTTP', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('each app answers health with the state of PostgreSQL and Redis', async () => {
    for (const api of [sys.ticketing, sys.triage, sys.counterDisplay[0]]) {
      const res = await api.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
    }
  });

  it('issues, calls, starts and finishes a ticket', async () => {
    const f = await seedSite(sys);
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
    expect(ticket).toMatchObject({ number: 'P001', status: 'waiting', position: 1 });
    expect(ticket.trackingToken).toMatch(/^[\w-]{32}$/);
    await openCounter(sys, f, f.counters[0].id);
    const counter = sys.counterDisplay[0].as(f.tokens.counter);
    const called = await counter.post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(called, 200);
    expect(called.body.ticket).toMatchObject({ id: ticket.id, status: 'called', counterName: 'Skranke 1' });
    const track = await sys.ticketing.get(`/tickets/track/${ticket.trackingToken}`);
    expect(track.body).toMatchObject({ number: 'P001', status: 'called', counterName: 'Skranke 1' });
    expect(JSON.stringify(track.body)).not.toMatch(/note|phone|flags/);
    expectStatus(await counter.post(`/tickets/${ticket.id}/start`), 200);
    const finished = await counter.post(`/tickets/${ticket.id}/finish`, { outcome: 'resolved', helpMode: 'instruction' });
    expect(finished.body).toMatchObject({ status: 'finished', outcome: 'resolved', helpMode: 'instruction' });
    const empty = await counter.post(`/counters/${f.counters[0].id}/call-next`);
    expect(empty.status).toBe(204);
  });
});
