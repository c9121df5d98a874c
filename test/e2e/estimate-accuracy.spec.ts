import { Client } from 'pg';
import { issueTickets, openCounter, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';

describe("the dashboard's live estimate accuracy", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('scores each called ticket against the estimate it was shown at issue', async () => {
    const f = await seedSite(sys, { counters: 1 });
    // Open before issuing: a ticket issued while no counter serves its service is told no estimate (and is not scored).
    await openCounter(sys, f, f.counters[0].id);
    const tickets = await issueTickets(sys, f, f.services[0].id, 4);
    // Each ticket keeps what it was shown.
    for (const t of tickets) expect(t.estimatedWait).toEqual({ minutes: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    const counter = sys.counterDisplay[0].as(f.tokens.counter);
    for (let i = 0; i < 3; i++) {
      const called = await counter.post(`/counters/${f.counters[0].id}/call-next`);
      await counter.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' });
    }
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    const { rows } = await db.query(
      `SELECT estimate_seconds, estimate_low_seconds, estimate_high_seconds, extract(epoch FROM called_at - issued_at) AS wait
       FROM ticket WHERE service_id = $1 AND called_at IS NOT NULL`,
      [f.services[0].id],
    );
    await db.end();
    // Scored to the second (issue 23): the estimate as told, in seconds, against the real wait.
    const mae = rows.reduce((s, r) => s + Math.abs(Number(r.wait) - r.estimate_seconds), 0) / rows.length / 60;
    const within = rows.filter((r) => Number(r.wait) >= r.estimate_low_seconds && Number(r.wait) <= r.estimate_high_seconds).length / rows.length;

    const dashboard = await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}/dashboard`);
    const service = dashboard.body.services.find((s: { serviceId: string }) => s.serviceId === f.services[0].id);
    expect(service.estimateAccuracy).toEqual({
      serviceId: f.services[0].id,
      scored: 3,
      meanAbsoluteErrorMinutes: Math.round(mae * 10) / 10,
      withinRangeShare: Math.round(within * 1000) / 1000,
    });
    const untouched = dashboard.body.services.find((s: { serviceId: string }) => s.serviceId === f.services[1].id);
    expect(untouched.estimateAccuracy).toMatchObject({ scored: 0, meanAbsoluteErrorMinutes: null, withinRangeShare: null });
  });
});
