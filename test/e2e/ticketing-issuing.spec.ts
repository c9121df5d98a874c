import { Client } from 'pg';
import { SiteFixture, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('ticketing: caps, idempotency, survey privacy, rate limits', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    f = await seedSite(sys, { dailyCap: 20 });
  });
  afterAll(() => sys.stop());

  it('holds a daily cap of 20 under 50 concurrent requests: 20 tickets, 30 clear refusals', async () => {
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const replies = await Promise.all(Array.from({ length: 50 }, () => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id })));
    const ok = replies.filter((r) => r.status === 201);
    expect(ok).toHaveLength(20);
    expect(new Set(ok.map((r) => r.body.number)).size).toBe(20);
    expect(replies.filter((r) => r.status === 422).every((r) => r.body.error.code === 'daily_cap_reached')).toBe(true);
    expect(replies.filter((r) => r.status === 422)).toHaveLength(30);
    const info = await sys.ticketing.get(`/kiosk/sites/${f.slug}`);
    expect(info.body.services[0].capReached).toBe(true);
  });

  it('gives one ticket for two requests with the same Idempotency-Key sent at once', async () => {
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const headers = { 'idempotency-key': `tap-${Date.now()}` };
    const [a, b] = await Promise.all([0, 1].map(() => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[1].id }, headers)));
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('tells each ticket its place in its own line, and a replayed request its place now', async () => {
    const site = await seedSite(sys);
    const kiosk = sys.ticketing.as(site.tokens.kiosk);
    const issue = (service: number, key: string) => kiosk.post(`/sites/${site.siteId}/tickets`, { serviceId: site.services[service].id }, { 'idempotency-key': key });
    const places = [];
    for (const [service, key] of [[0, 'a1'], [0, 'a2'], [1, 'b1'], [0, 'a3']] as const) places.push((await issue(service, key)).body.position);
    expect(places).toEqual([1, 2, 1, 3]);
    await openCounter(sys, site, site.counters[0].id);
    const called = await sys.counterDisplay[0].as(site.tokens.counter).post(`/counters/${site.counters[0].id}/call-next`, {});
    expectStatus(called, 200);
    expect(called.body.ticket.number).toBe('P001');
    const replay = await issue(0, 'a3');
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ number: 'P003', position: 2 });
  });

  it('stores survey answers with service, outcome and date only', async () => {
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const t = (await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[2].id })).body;
    const early = await sys.ticketing.post(`/tickets/track/${t.trackingToken}/survey`, { gotWhatCameFor: true });
    expect(early.status).toBe(422);
    await openCounter(sys, f, f.counters[0].id);
    const staff = sys.counterDisplay[0].as(f.tokens.counter);
    let called;
    do called = await staff.post(`/counters/${f.counters[0].id}/call-next`);
    while (called.status === 200 && called.body.ticket.id !== t.id && (await staff.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' })));
    expectStatus(await staff.post(`/tickets/${t.id}/finish`, { outcome: 'self-service' }), 200);
    const cpr = await sys.ticketing.post(`/tickets/track/${t.trackingToken}/survey`, { comment: 'mit cpr er 010190-1234' });
    expect(cpr.body.error.code).toBe('personal_data_in_comment');
    const answer = { gotWhatCameFor: true, guidance: 'very-good', feltSeenAndHeard: true, comment: 'Hurtig hjælp' };
    expectStatus(await sys.ticketing.post(`/tickets/track/${t.trackingToken}/survey`, answer), 201);
    expect((await sys.ticketing.post(`/tickets/track/${t.trackingToken}/survey`, answer)).status).toBe(409);
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    const cols = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_answer'`)).rows.map((r) => r.column_name);
    const rows = (await db.query('SELECT * FROM survey_answer')).rows;
    await db.end();
    expect(cols.filter((c) => /ticket|token|note|phone|number|created|at$/.test(c))).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ service_id: f.services[2].id, outcome: 'self-service', guidance: 'very-good', comment: 'Hurtig hjælp' });
    expect(JSON.stringify(rows[0])).not.toContain(t.id);
    expect(JSON.stringify(rows[0])).not.toContain(t.trackingToken);
  });

  it('answers 400 to malformed input and 404 to an unknown tracking token, never 5xx', async () => {
    expect((await sys.ticketing.post(`/tickets/track/nope/survey`, { guidance: 'meh' })).status).toBe(400);
    expect((await sys.ticketing.post(`/tickets/track/nope/leave`)).status).toBe(404);
    expect((await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: 'NOPE99' })).status).toBe(404);
  });
});

describe('ticketing: rate limits', () => {
  let sys: TestSystem;
  afterAll(() => sys.stop());

  it('answers 429 rate_limited per IP on public endpoints above RATE_LIMIT_PER_MINUTE', async () => {
    sys = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    const f = await seedSite(sys);
    const replies = await Promise.all(Array.from({ length: 8 }, () => sys.ticketing.get(`/public/sites/${f.slug}/wait-times`)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(5);
    expect(replies.filter((r) => r.status === 429).map((r) => r.body.error.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
  });
});
