/**
 * A kiosk ticket takes its number inside the one call that issues it
 * (`skranke_issue_tickets`), so the number's row lock, which every kiosk
 * issuing for that service waits on, is never held while a round trip is under
 * way. What must hold: the number in the answer, in the event log and in the
 * published events is the ticket's own; numbers stay gapless when kiosks press
 * at once; a refusal at the daily cap undoes all of the call.
 */
import { Client as PgClient } from 'pg';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { closeAllSockets, subscribed, waitFor } from '../realtime/sockets';

describe('the ticket number drawn in the call that issues the ticket', () => {
  let sys: TestSystem;
  let db: PgClient;
  beforeAll(async () => {
    sys = await startSystem();
    db = new PgClient({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    closeAllSockets();
    await db?.end();
    await sys.stop();
  });

  async function issue(f: SiteFixture, key: string, service = 0) {
    return sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[service].id }, { 'Idempotency-Key': key });
  }

  it('the answer, the log and the floor all get the number, and the places follow it', async () => {
    const f = await seedSite(sys, { services: 1 });
    const floor = await subscribed(sys.counterDisplayUrls[0], f.tokens.floor, { siteId: f.siteId, channel: 'floor' });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await issue(f, `one-by-one-${i}`));
    answers.forEach((r) => expectStatus(r, 201));
    expect(answers.map((r) => r.body.number)).toEqual(['P001', 'P002', 'P003', 'P004', 'P005', 'P006']);
    expect(answers.map((r) => r.body.position)).toEqual([1, 2, 3, 4, 5, 6]);

    const { rows } = await db.query(
      `SELECT t.id, t.number, t.sequence, e.payload ->> 'number' AS logged
       FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id AND e.type = 'ticket.issued' WHERE t.site_id = $1 ORDER BY t.sequence`,
      [f.siteId],
    );
    expect(rows.map((r) => [r.id, r.number, r.sequence, r.logged])).toEqual(answers.map((r, i) => [r.body.id, r.body.number, i + 1, r.body.number]));

    // The staff channel gets the staff view, which carries the number too.
    const issued = await waitFor('six ticket.issued on the floor channel', () => {
      const seen = floor.events.filter((e) => e.type === 'ticket.issued');
      return seen.length === 6 && seen;
    });
    expect(issued.every((e) => Array.isArray(e.flags))).toBe(true); // the staff view
    expect(issued.map((e) => [e.id, e.number])).toEqual(answers.map((r) => [r.body.id, r.body.number]));
    // And every queue change (one publish shared with the display rooms): the floor misses no seq.
    await waitFor('six queue.changed on the floor channel', () => floor.events.filter((e) => e.type === 'queue.changed').length === 6);
    const seqs = floor.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_v, i) => seqs[0] + i));
  });

  it('stays gapless with 40 kiosks pressing at once over two services', async () => {
    const f = await seedSite(sys, { services: 2 });
    expectStatus(await issue(f, 'first'), 201);
    const replies = await Promise.all(Array.from({ length: 40 }, (_v, i) => issue(f, `burst-${i}`, i % 2)));
    replies.forEach((r) => expectStatus(r, 201));
    const byService = (prefix: string) => replies.map((r) => r.body.number as string).filter((n) => n.startsWith(prefix)).sort();
    expect(byService('P')).toEqual(Array.from({ length: 20 }, (_v, k) => `P${String(k + 2).padStart(3, '0')}`));
    expect(byService('K')).toEqual(Array.from({ length: 20 }, (_v, k) => `K${String(k + 1).padStart(3, '0')}`));
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM ticket t JOIN ticket_event e ON e.ticket_id = t.id AND e.type = 'ticket.issued'
       WHERE t.site_id = $1 AND e.payload ->> 'number' = t.number`,
      [f.siteId],
    );
    expect(rows[0].n).toBe(41);
  });

  it('a double tap at the last ticket of the cap gives that ticket to both taps, not a refusal to the second', async () => {
    const f = await seedSite(sys, { services: 1, dailyCap: 2 });
    expectStatus(await issue(f, 'before-the-tap'), 201);
    const taps = await Promise.all([issue(f, 'the-tap'), issue(f, 'the-tap')]);
    expect(taps.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(new Set(taps.map((r) => r.body.id)).size).toBe(1);
    expect(taps[0].body.number).toBe('P002');
    const third = await issue(f, 'after-the-tap');
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe('daily_cap_reached');
  });

  it('a key used before is answered with its ticket (200) after its claim in the issuing call failed, and numbers stay gapless', async () => {
    const f = await seedSite(sys, { services: 1 });
    const first = await issue(f, 'again');
    expectStatus(first, 201);
    const again = await Promise.all(Array.from({ length: 5 }, () => issue(f, 'again')));
    again.forEach((r) => expectStatus(r, 200));
    expect(again.every((r) => r.body.id === first.body.id && r.headers.get('idempotent-replayed') === 'true')).toBe(true);
    const next = await issue(f, 'a-new-key');
    expectStatus(next, 201);
    expect(next.body.number).toBe('P002'); // the failed attempts drew no number that stayed drawn
  });

  it('at the daily cap refuses with 422 daily_cap_reached and keeps nothing of the transaction: no ticket, no event, no claimed key', async () => {
    const f = await seedSite(sys, { services: 1, dailyCap: 3 });
    for (let i = 0; i < 3; i++) expectStatus(await issue(f, `cap-${i}`), 201);
    const refused = await issue(f, 'over-the-cap');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('daily_cap_reached');
    const counts = await db.query(
      `SELECT (SELECT count(*)::int FROM ticket WHERE site_id = $1) AS tickets,
              (SELECT count(*)::int FROM ticket_event WHERE site_id = $1 AND type = 'ticket.issued') AS issued,
              (SELECT count(*)::int FROM idempotency_key WHERE key = 'over-the-cap') AS keys,
              (SELECT last_number FROM number_sequence WHERE site_id = $1) AS last`,
      [f.siteId],
    );
    expect(counts.rows[0]).toEqual({ tickets: 3, issued: 3, keys: 0, last: 3 });
  });
});
