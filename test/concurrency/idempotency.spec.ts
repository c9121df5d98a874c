import { Client } from 'pg';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/**
 * A kiosk on a flaky network retries "draw a ticket" (or the citizen taps
 * again) with the same Idempotency-Key: the citizen gets one ticket, however
 * many of the requests arrive at the same moment.
 */
describe('a kiosk retrying a ticket request with one Idempotency-Key prints one ticket, never two', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let db: Client;
  let kiosk: Api;

  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys);
    kiosk = sys.ticketing.as(f.tokens.kiosk);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  const issue = (api: Api, key: string, serviceId = f.services[0].id) =>
    api.post(`/sites/${f.siteId}/tickets`, { serviceId }, { 'Idempotency-Key': key });
  const ticketCount = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM ticket WHERE site_id = $1`, [f.siteId])).rows[0].n as number;

  it('ten simultaneous requests with one key give one ticket: one 201, nine 200 replays with the same id', async () => {
    const key = 'kiosk-1-press-0001';
    const replies: Reply[] = await Promise.all(Array.from({ length: 10 }, () => issue(kiosk, key)));

    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of replies) {
      expect(r.body).toMatchObject({ number: 'P001', status: 'waiting', trackingToken: replies[0].body.trackingToken });
      expect(r.headers.get('idempotent-replayed')).toBe(r.status === 200 ? 'true' : null);
    }

    expect(await ticketCount()).toBe(1);
    const { rows: keys } = await db.query(`SELECT scope, key, ticket_id FROM idempotency_key WHERE key = $1`, [key]);
    expect(keys).toEqual([{ scope: expect.stringContaining(f.siteId), key, ticket_id: [...ids][0] }]);
    const { rows: events } = await db.query(`SELECT count(*)::int AS n FROM ticket_event WHERE site_id = $1 AND type = 'ticket.issued'`, [f.siteId]);
    expect(events[0].n).toBe(1);
    // The number was drawn once: the next ticket is P002, not P011.
    const { rows: seq } = await db.query(`SELECT last_number FROM number_sequence WHERE site_id = $1 AND service_id = $2`, [f.siteId, f.services[0].id]);
    expect(seq).toEqual([{ last_number: 1 }]);
  });

  it('a later retry with the same key replays the ticket as it is now; a different service in the body does not make a second one', async () => {
    const key = 'kiosk-1-press-0001';
    const again = await issue(kiosk, key, f.services[1].id);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The contract is "same key, same ticket": the original P-ticket comes back, the body is not compared.
    expect(again.body).toMatchObject({ number: 'P001', serviceId: f.services[0].id });
    expect(await ticketCount()).toBe(1);
  });

  it('a different key gives a new ticket, also when ten of them race', async () => {
    const other = await Promise.all(Array.from({ length: 10 }, () => issue(kiosk, 'kiosk-1-press-0002')));
    expect(other.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(other.map((r) => r.body.id)).size).toBe(1);
    expect(other[0].body.number).toBe('P002');

    // Ten different keys at once: ten tickets, numbers P003..P012 without gaps or duplicates.
    const distinct = await Promise.all(Array.from({ length: 10 }, (_v, i) => issue(kiosk, `kiosk-1-burst-${i}`)));
    distinct.forEach((r) => expectStatus(r, 201));
    expect(distinct.map((r) => r.body.number).sort()).toEqual(Array.from({ length: 10 }, (_v, i) => `P${String(i + 3).padStart(3, '0')}`));
    expect(await ticketCount()).toBe(12);
  });

  it('the same key from another kiosk of the site is its own scope: that kiosk gets its own ticket', async () => {
    // Finding: keys are scoped per (site, device) — two kiosks that happen to generate the
    // same key (e.g. both count presses from 1) do not get each other's ticket.
    const admin = sys.triage.as(f.tokens.admin);
    const device = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: 'kiosk 2' });
    expectStatus(device, 201);
    const kiosk2 = sys.ticketing.as(device.body.token);

    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => issue(kiosk2, 'kiosk-1-press-0001')),
      ...Array.from({ length: 5 }, () => issue(kiosk, 'kiosk-1-press-0001')),
    ]);
    const fromKiosk2 = replies.slice(0, 5);
    const fromKiosk1 = replies.slice(5);
    expect(fromKiosk2.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(fromKiosk2.map((r) => r.body.id)).size).toBe(1);
    expect(fromKiosk1.every((r) => r.status === 200 && r.body.number === 'P001')).toBe(true);
    expect(fromKiosk2[0].body.id).not.toBe(fromKiosk1[0].body.id);
    expect(fromKiosk2[0].body.number).toBe('P013');
    expect(await ticketCount()).toBe(13);
    const { rows } = await db.query(`SELECT count(DISTINCT scope)::int AS scopes FROM idempotency_key WHERE key = 'kiosk-1-press-0001'`);
    expect(rows[0].scopes).toBe(2);
  });

  it('a malformed key is refused with 400 and issues nothing', async () => {
    const before = await ticketCount();
    const res = await issue(kiosk, 'x'.repeat(201));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_idempotency_key');
    expect(await ticketCount()).toBe(before);
  });

  it('ten simultaneous check-ins of one appointment with one key: one ticket, the appointment checked in once', async () => {
    const admin = sys.ticketing.as(f.tokens.admin);
    const startsAt = new Date(Date.now() + 5 * 60_000).toISOString();
    expectStatus(await admin.post(`/sites/${f.siteId}/appointments`, { serviceId: f.services[1].id, startsAt, bookingCode: 'IDEM01' }), 201);
    const before = await ticketCount();

    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        kiosk.post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: 'IDEM01' }, { 'Idempotency-Key': 'kiosk-1-check-in-01' }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    for (const r of replies) expect(r.headers.get('idempotent-replayed')).toBe(r.status === 200 ? 'true' : null);
    expect(await ticketCount()).toBe(before + 1);
    const { rows } = await db.query(`SELECT ticket_id FROM appointment WHERE booking_code = 'IDEM01' AND site_id = $1`, [f.siteId]);
    expect(rows).toEqual([{ ticket_id: replies[0].body.id }]);
  });

  it('a key first used more than 24 hours ago is claimed afresh: the request makes a new ticket', async () => {
    const key = 'kiosk-1-press-0001';
    await db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    const before = await ticketCount();
    const fresh = await issue(kiosk, key);
    expectStatus(fresh, 201);
    expect(fresh.body.number).not.toBe('P001');
    expect(await ticketCount()).toBe(before + 1);
    const { rows } = await db.query(`SELECT ticket_id FROM idempotency_key WHERE key = $1 AND scope LIKE '%' || $2 || '%'`, [key, f.siteId]);
    expect(rows.map((r) => r.ticket_id)).toContain(fresh.body.id);
    // And a retry now replays the new ticket.
    const again = await issue(kiosk, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(fresh.body.id);
  });

  it('a request refused at the daily cap leaves its key unclaimed and draws no number', async () => {
    const capped = await seedSite(sys, { services: 1, dailyCap: 1 });
    const capKiosk = sys.ticketing.as(capped.tokens.kiosk);
    const post = (key: string) => capKiosk.post(`/sites/${capped.siteId}/tickets`, { serviceId: capped.services[0].id }, { 'Idempotency-Key': key });
    expectStatus(await post('cap-first'), 201);
    const refused = await post('cap-second');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('daily_cap_reached');
    const { rows: keys } = await db.query(`SELECT key FROM idempotency_key WHERE key LIKE 'cap-%' AND scope LIKE $1 || '%' ORDER BY key`, [capped.siteId]);
    expect(keys).toEqual([{ key: 'cap-first' }]);
    const { rows: seq } = await db.query(`SELECT last_number FROM number_sequence WHERE site_id = $1`, [capped.siteId]);
    expect(seq).toEqual([{ last_number: 1 }]);
  });
});
