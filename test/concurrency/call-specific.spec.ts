/**
 * "Call this number" (POST /counters/{id}/call/{ticketId}) against another
 * counter's call-next at the same moment, on two hub instances: exactly one of
 * them calls that number; if call-next got it, the specific call is refused
 * `ticket_not_waiting`; if the specific call got it, call-next calls the next
 * one. Nobody is called twice. Plus the refusals of a call that cannot be.
 */
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const ROUNDS = 12;

describe('calling a specific number while another counter calls next', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let a: Api;
  let b: Api;

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
    f = await seedSite(sys, { counters: 2 });
    a = sys.counterDisplay[0].as(f.tokens.counter);
    b = sys.counterDisplay[1].as(f.tokens.supervisor);
    for (const c of f.counters) await openCounter(sys, f, c.id);
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('one gets the number, the other the next one (or a clear refusal), every round', async () => {
    const outcomes = { specificWon: 0, nextWon: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const [head, second] = await issueTickets(sys, f, f.services[0].id, 2);
      // Alternate who is sent first, so either may win.
      const calls = [
        () => a.post(`/counters/${f.counters[0].id}/call/${head.id}`),
        () => b.post(`/counters/${f.counters[1].id}/call-next`),
      ];
      const [specific, next] = round % 2 ? await Promise.all(calls.map((c) => c())) : (await Promise.all(calls.reverse().map((c) => c()))).reverse();
      expectStatus(next, 200);
      if (specific.status === 200) {
        outcomes.specificWon++;
        expect(specific.body.ticket).toMatchObject({ id: head.id, status: 'called', counterId: f.counters[0].id });
        expect(next.body.ticket.id).toBe(second.id);
      } else {
        outcomes.nextWon++;
        expectStatus(specific, 409);
        expect(specific.body.error.code).toBe('ticket_not_waiting');
        expect(next.body.ticket.id).toBe(head.id);
      }
      // Clear the counters for the next round; the second ticket may still wait.
      for (const [api, counter] of [[a, f.counters[0].id], [b, f.counters[1].id]] as const) {
        const seat = (await api.get(`/counters/${counter}/current`)).body.seats[0].ticket;
        if (seat) expectStatus(await api.post(`/tickets/${seat.id}/finish`, { outcome: 'resolved' }), 200);
      }
      const left = (await a.get(`/counters/${f.counters[0].id}/current`)).body.queues[0].tickets;
      for (const t of left) expectStatus(await sys.counterDisplay[0].as(f.tokens.floor).post(`/tickets/${t.id}/cancel`), 200);
    }
    expect(outcomes.specificWon + outcomes.nextWon).toBe(ROUNDS);
  });

  it('refuses a number that no longer waits, one of a service the counter does not serve, and a closed counter, each with its code', async () => {
    const admin = sys.triage.as(f.tokens.admin);
    const narrow = await admin.post(`/sites/${f.siteId}/counters`, { name: 'Skranke K', kind: 'counter', serviceIds: [f.services[1].id] });
    expectStatus(narrow, 201);
    const [p] = await issueTickets(sys, f, f.services[0].id, 1);

    const closed = await a.post(`/counters/${narrow.body.id}/call/${p.id}`);
    expectStatus(closed, 409);
    expect(closed.body.error.code).toBe('counter_not_open');
    await openCounter(sys, f, narrow.body.id);
    const other = await a.post(`/counters/${narrow.body.id}/call/${p.id}`);
    expectStatus(other, 409);
    expect(other.body.error.code).toBe('ticket_not_for_counter');

    const called = await a.post(`/counters/${f.counters[0].id}/call/${p.id}`);
    expectStatus(called, 200);
    expect(called.body.ticket).toMatchObject({ id: p.id, number: p.number, seat: 1, counterName: 'Skranke 1' });
    const again = await b.post(`/counters/${f.counters[1].id}/call/${p.id}`);
    expectStatus(again, 409);
    expect(again.body.error.code).toBe('ticket_not_waiting');
    const busy = await a.post(`/counters/${f.counters[0].id}/call/${(await issueTickets(sys, f, f.services[0].id, 1))[0].id}`);
    expectStatus(busy, 409);
    expect(busy.body.error.code).toBe('seat_busy');
    expectStatus(await a.post(`/counters/${f.counters[0].id}/call/not-a-uuid`), 400);
  });
});
