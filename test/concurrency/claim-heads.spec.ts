import { Client } from 'pg';
import { SiteFixture, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/**
 * The claim ranks the first tickets of each service (plus priority and
 * appointment tickets) instead of the whole room (claim-next.sql.ts). These
 * check the edges of that: a priority ticket far back in the line, and a moment
 * when the first tickets are all being claimed by other counters.
 */
describe('call next ranks the heads of the queues, and falls back to the whole room', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let db: Client;
  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys, { services: 1, counters: 1 });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    await openCounter(sys, f, f.counters[0].id);
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  const counter = () => sys.counterDisplay[0].as(f.tokens.counter);
  const issue = async (n: number, body: Record<string, unknown> = {}, token = f.tokens.kiosk) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await sys.ticketing.as(token).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id, ...body });
      expectStatus(res, 201);
      ids.push(res.body.id);
    }
    return ids;
  };
  const callAndFinish = async () => {
    const res = await counter().post(`/counters/${f.counters[0].id}/call-next`);
    expectStatus(res, 200);
    expectStatus(await counter().post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
    return res.body.ticket.id as string;
  };

  it('calls a priority ticket issued behind twenty walk-ins first (its head start), then the walk-ins in order', async () => {
    const walkIns = await issue(20);
    const [priority] = await issue(1, { priority: 1 }, f.tokens.floor);
    expect(await callAndFinish()).toBe(priority);
    for (const id of walkIns) expect(await callAndFinish()).toBe(id);
  });

  it('calls the ninth ticket while another transaction holds the first eight (all heads locked), and the first once they are free', async () => {
    const ids = await issue(12);
    await db.query('BEGIN');
    try {
      // As eight other counters in the middle of claiming them would.
      await db.query('SELECT id FROM ticket WHERE id = ANY ($1) FOR UPDATE', [ids.slice(0, 8)]);
      const res = await counter().post(`/counters/${f.counters[0].id}/call-next`);
      expectStatus(res, 200);
      expect(res.body.ticket.id).toBe(ids[8]);
      expectStatus(await counter().post(`/tickets/${ids[8]}/finish`, { outcome: 'resolved' }), 200);
    } finally {
      await db.query('ROLLBACK');
    }
    for (const id of [...ids.slice(0, 8), ...ids.slice(9)]) expect(await callAndFinish()).toBe(id);
    expectStatus(await counter().post(`/counters/${f.counters[0].id}/call-next`), 204);
  });
});
