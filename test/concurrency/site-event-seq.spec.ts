import { Client } from 'pg';
import { seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { closeAllSockets, openSocket, connected, request, subscribed } from '../realtime/sockets';

/**
 * A site's event seq lives in its own row (`site_event_seq`), made by the
 * site's first event. Twenty kiosk presses at a new site, all at once, race to
 * make that row: the log must still run 1, 2, 3 … without a gap or a repeat.
 */
describe("a new site's first events, sent at once, get consecutive seqs", () => {
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    sys = await startSystem();
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    closeAllSockets();
    await db?.end();
    await sys.stop();
  });

  it('twenty tickets at once at a site with no events yet: seqs 1..40, and the seq row says 40', async () => {
    const f = await seedSite(sys, { services: 2, counters: 1 });
    const head = async () => (await db.query('SELECT last_seq FROM site_event_seq WHERE site_id = $1', [f.siteId])).rows[0]?.last_seq ?? null;
    const { rows: before } = await db.query('SELECT count(*)::int AS n FROM ticket_event WHERE site_id = $1', [f.siteId]);
    expect(before[0].n).toBe(0);
    expect(await head()).toBeNull();

    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const replies = await Promise.all(Array.from({ length: 20 }, (_v, i) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[i % 2].id })));
    replies.forEach((r) => expectStatus(r, 201));

    // Each ticket appends ticket.issued and queue.changed.
    const { rows } = await db.query('SELECT seq FROM ticket_event WHERE site_id = $1 ORDER BY seq', [f.siteId]);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_v, i) => i + 1));
    expect(await head()).toBe(40);
  });

  it('display-state, a new subscription and sync report the head from the seq row; an unknown site is refused', async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    // Before any event the site has no seq row: the head is 0.
    const empty = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    expect(empty.seq).toBe(0);
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }), 201);

    const state = await sys.counterDisplay[0].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`);
    expectStatus(state, 200);
    expect(state.body.seq).toBe(2);
    const display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    expect(display.seq).toBe(2);
    const synced = await request(display.socket, 'sync', { siteId: f.siteId, sinceSeq: 0 });
    if (!synced.ok) throw new Error(`sync refused: ${JSON.stringify(synced)}`);
    expect(synced.data.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);

    const stranger = openSocket(sys.counterDisplayUrls[0], f.tokens.display);
    await connected(stranger.socket);
    const refused = await request(stranger.socket, 'subscribe', { siteId: '00000000-0000-4000-8000-000000000000', channel: 'display' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'site_not_found' } });
  });
});
