import { Client } from 'pg';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/**
 * Twenty kiosks pressing at once: tickets of one site that arrive while
 * another batch of that site is being issued go together in one transaction
 * (group commit). Whatever is grouped, each citizen gets exactly one ticket,
 * numbers stay gapless, places in line follow the numbers, each ticket's event
 * names its own kiosk, and the site's event log has no gap.
 */
describe('kiosk tickets issued together in one transaction are each issued as if alone', () => {
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    sys = await startSystem();
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  /** `n` more kiosk devices at the site, as an administrator registers them. */
  async function kiosks(f: SiteFixture, n: number): Promise<{ id: string; token: string; api: Api }[]> {
    const admin = sys.triage.as(f.tokens.admin);
    const out = [];
    for (let i = 0; i < n; i++) {
      const res = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: `Kiosk ${i + 2}` });
      expectStatus(res, 201);
      out.push({ id: res.body.id, token: res.body.token as string, api: sys.ticketing.as(res.body.token) });
    }
    return out;
  }

  const issue = (f: SiteFixture, api: Api, serviceId: string, key: string) =>
    api.post(`/sites/${f.siteId}/tickets`, { serviceId }, { 'Idempotency-Key': key });

  it('five rounds of 20 kiosks at once over two services: gapless numbers, places 1..n in number order, one event each from its own kiosk, shared transactions', async () => {
    const f = await seedSite(sys, { services: 2 });
    const devices = await kiosks(f, 20);
    const replies: { reply: Reply; device: string; service: number }[] = [];
    for (let round = 0; round < 5; round++) {
      const sent = devices.map((d, i) => ({ device: d.id, service: i % 2, reply: issue(f, d.api, f.services[i % 2].id, `round-${round}`) }));
      for (const s of sent) replies.push({ ...s, reply: await s.reply });
    }
    expect(replies.filter((r) => r.reply.status !== 201).map((r) => `${r.reply.status} ${JSON.stringify(r.reply.body)}`)).toEqual([]);

    for (const [s, service] of f.services.entries()) {
      const mine = replies.filter((r) => r.service === s).map((r) => r.reply.body);
      const numbers = mine.map((t) => t.number).sort();
      expect(numbers).toEqual(Array.from({ length: 50 }, (_v, i) => service.prefix + String(i + 1).padStart(3, '0')));
      // Nobody is called, so each ticket's place is one more than the tickets of its service before it.
      for (const t of mine) expect(t.position).toBe(Number(t.number.slice(1)));
      // The call order (arrival, ties by id) follows the numbers.
      const { rows } = await db.query(`SELECT number FROM ticket WHERE service_id = $1 AND status = 'waiting' ORDER BY ordered_at, id`, [service.id]);
      expect(rows.map((r) => r.number)).toEqual(numbers);
    }

    const { rows: issued } = await db.query(
      `SELECT ticket_id, actor_device_id, payload->>'number' AS number FROM ticket_event WHERE site_id = $1 AND type = 'ticket.issued'`,
      [f.siteId],
    );
    expect(issued).toHaveLength(100);
    const byTicket = new Map(issued.map((e) => [e.ticket_id, e]));
    for (const r of replies) {
      expect(byTicket.get(r.reply.body.id)).toEqual({ ticket_id: r.reply.body.id, actor_device_id: r.device, number: r.reply.body.number });
    }
    const { rows: stored } = await db.query(`SELECT id, issued_by_device_id FROM ticket WHERE site_id = $1`, [f.siteId]);
    expect(new Map(stored.map((t) => [t.id, t.issued_by_device_id]))).toEqual(new Map(replies.map((r) => [r.reply.body.id, r.device])));

    const { rows: log } = await db.query(`SELECT seq FROM ticket_event WHERE site_id = $1 ORDER BY seq`, [f.siteId]);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_v, i) => log[0].seq + i));
    // Grouping happened: tickets inserted in one transaction share its xmin.
    const { rows: tx } = await db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM ticket WHERE site_id = $1`, [f.siteId]);
    expect(tx[0].n).toBeLessThan(100);
  });

  it('a double tap inside a batch gives one ticket (201, then a 200 replay) and the rest of the batch is issued', async () => {
    const f = await seedSite(sys, { services: 1 });
    const devices = await kiosks(f, 10);
    // Two taps of the first kiosk with one key, among nine other kiosks pressing at the same moment, three times over.
    for (let round = 0; round < 3; round++) {
      const sent = [devices[0], devices[0], ...devices.slice(1)].map((d) => issue(f, d.api, f.services[0].id, `tap-${round}`));
      const replies = await Promise.all(sent);
      expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(10).fill(201)]);
      expect(replies[1].body.id).toBe(replies[0].body.id);
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n, max(sequence)::int AS last FROM ticket WHERE site_id = $1`, [f.siteId]);
    expect(rows[0]).toEqual({ n: 30, last: 30 });
    const { rows: events } = await db.query(`SELECT count(*)::int AS n FROM ticket_event WHERE site_id = $1 AND type = 'ticket.issued'`, [f.siteId]);
    expect(events[0].n).toBe(30);
  });

  it('a daily cap reached inside a batch: exactly the cap is issued, the rest are told 422 daily_cap_reached, no number is skipped', async () => {
    const f = await seedSite(sys, { services: 1, dailyCap: 7 });
    const devices = await kiosks(f, 20);
    const replies = await Promise.all(devices.map((d, i) => issue(f, d.api, f.services[0].id, `cap-${i}`)));
    const issued = replies.filter((r) => r.status === 201);
    expect(issued.map((r) => r.body.number).sort()).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006', 'P007']);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(13);
    for (const r of refused) expect(r).toMatchObject({ status: 422, body: { error: { code: 'daily_cap_reached' } } });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM ticket WHERE site_id = $1`, [f.siteId]);
    expect(rows[0].n).toBe(7);
  });

  it('a batch member for a service of another site is refused 400 on its own; the others in its batch are issued', async () => {
    const f = await seedSite(sys, { services: 1 });
    const other = await seedSite(sys, { services: 1 });
    const devices = await kiosks(f, 8);
    const replies = await Promise.all(
      devices.map((d, i) => issue(f, d.api, i === 3 ? other.services[0].id : f.services[0].id, `mixed-${i}`)),
    );
    expect(replies[3]).toMatchObject({ status: 400, body: { error: { code: 'service_not_found' } } });
    expect(replies.filter((r) => r.status === 201).map((r) => r.body.number).sort()).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006', 'P007']);
  });

  it('two ticketing instances batching one site at once, over three services: 120 tickets, gapless, the log without a gap', async () => {
    const f = await seedSite(sys, { services: 3 });
    const devices = await kiosks(f, 20);
    const second = await sys.startExtra('ticketing', { RUN_WORKERS: 'false' });
    // Half the kiosks talk to each instance; each kiosk's services run in a different order, so the batches of the two cross.
    const apis = devices.map((d, i) => (i % 2 ? second.api.as(d.token) : d.api));
    const replies: Reply[] = [];
    for (let round = 0; round < 6; round++) {
      replies.push(...(await Promise.all(apis.map((api, i) => issue(f, api, f.services[(i + round) % 3].id, `two-${round}`)))));
    }
    expect(replies.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    for (const service of f.services) {
      const { rows } = await db.query(`SELECT number FROM ticket WHERE service_id = $1 ORDER BY sequence`, [service.id]);
      expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 40 }, (_v, i) => service.prefix + String(i + 1).padStart(3, '0')));
    }
    const { rows: log } = await db.query(`SELECT seq FROM ticket_event WHERE site_id = $1 ORDER BY seq`, [f.siteId]);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_v, i) => log[0].seq + i));
    const { rows: issued } = await db.query(`SELECT count(DISTINCT ticket_id)::int AS n FROM ticket_event WHERE site_id = $1 AND type = 'ticket.issued'`, [f.siteId]);
    expect(issued[0].n).toBe(120);
  });
});
