import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/** A clock the test moves by hand; every app of the system reads it. */
class ManualClock extends Clock {
  private at = new Date('2026-06-10T08:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

const pad = (prefix: string, n: number) => prefix + String(n).padStart(n > 999 ? 4 : 3, '0');

/**
 * The numbers printed on tickets: each service counts P001, P002, … per day at
 * the site, with no number printed twice and none skipped however many kiosks
 * press at once, and a fresh count from 001 when the site's own calendar day
 * changes, including the 23- and 25-hour days of the DST changes.
 */
describe('ticket numbers are unique and gapless per service and start again at 001 each day in the site’s time zone', () => {
  const clock = new ManualClock();
  let sys: TestSystem;
  let db: Client;

  beforeAll(async () => {
    sys = await startSystem({ clock });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  async function issueOne(f: SiteFixture, service = 0): Promise<{ id: string; number: string; businessDate: string }> {
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[service].id });
    expectStatus(res, 201);
    const { rows } = await db.query(`SELECT to_char(business_date, 'YYYY-MM-DD') AS d FROM ticket WHERE id = $1`, [res.body.id]);
    return { id: res.body.id, number: res.body.number, businessDate: rows[0].d };
  }

  /** Sets the clock, issues one ticket and returns "number@business date". */
  async function at(f: SiteFixture, iso: string, service = 0): Promise<string> {
    clock.set(iso);
    const t = await issueOne(f, service);
    return `${t.number}@${t.businessDate}`;
  }

  it('1,000 simultaneous tickets over three services: P001–P334, K001–K333, M001–M333, each exactly once', async () => {
    clock.set('2026-06-10T08:00:00Z');
    const f = await seedSite(sys, { services: 3 });
    const kiosk: Api = sys.ticketing.as(f.tokens.kiosk);
    // Each request carries an Idempotency-Key, as the kiosk's do: a connection the loaded machine
    // resets before the answer (1,000 sockets opened at once) is sent again, as the kiosk would,
    // and then answered 201 or, if the first attempt got through, 200 with the same ticket.
    let resent = 0;
    const issue = async (i: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[i % 3].id }, { 'Idempotency-Key': `burst-${i}` });
        } catch (e) {
          if (attempt === 3) throw e;
          resent++;
        }
      }
    };
    const replies = await Promise.all(Array.from({ length: 1000 }, (_v, i) => issue(i)));
    const failures = replies.filter((r) => r.status !== 201 && r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
    expect(failures).toEqual([]);
    expect(replies.filter((r) => r.status === 200).length).toBeLessThanOrEqual(resent); // a replay only after a resend

    const expected = { P: 334, K: 333, M: 333 } as Record<string, number>;
    for (const [i, s] of f.services.entries()) {
      const mine = replies.filter((_r, j) => j % 3 === i).map((r) => r.body);
      expect(mine.every((t) => t.serviceId === s.id)).toBe(true);
      const numbers = mine.map((t) => t.number as string).sort();
      expect(numbers).toEqual(Array.from({ length: expected[s.prefix] }, (_v, k) => pad(s.prefix, k + 1)));
    }
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1000);

    // The database agrees, and its counter stopped exactly at the last number.
    const { rows } = await db.query(
      `SELECT s.prefix, count(*)::int AS n, count(DISTINCT t.sequence)::int AS d, min(t.sequence) AS lo, max(t.sequence) AS hi,
              (SELECT last_number FROM number_sequence ns WHERE ns.service_id = s.id AND ns.business_date = '2026-06-10') AS last
       FROM ticket t JOIN service s ON s.id = t.issued_service_id WHERE t.site_id = $1 GROUP BY s.id, s.prefix ORDER BY s.prefix`,
      [f.siteId],
    );
    expect(rows).toEqual([
      { prefix: 'K', n: 333, d: 333, lo: 1, hi: 333, last: 333 },
      { prefix: 'M', n: 333, d: 333, lo: 1, hi: 333, last: 333 },
      { prefix: 'P', n: 334, d: 334, lo: 1, hi: 334, last: 334 },
    ]);
  }, 120_000);

  it('a service crossing 999 prints four digits: S999, S1000, S1001 when three kiosks press at once', async () => {
    clock.set('2026-06-10T08:00:00Z');
    const f = await seedSite(sys, { services: 4 });
    const s = f.services[3];
    expect(s.prefix).toBe('S');
    // As if 998 tickets were already issued today.
    await db.query(`INSERT INTO number_sequence (site_id, service_id, business_date, last_number) VALUES ($1, $2, '2026-06-10', 998)`, [
      f.siteId,
      s.id,
    ]);
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const replies = await Promise.all([1, 2, 3].map(() => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: s.id })));
    replies.forEach((r) => expectStatus(r, 201));
    expect(replies.map((r) => r.body.number).sort()).toEqual(['S1000', 'S1001', 'S999']);
    // The other services are untouched and still begin at 001.
    expect((await issueOne(f, 0)).number).toBe('P001');
  });

  it('a ticket at 23:59 in Copenhagen is from that day; at 00:01 the next day the count starts again at 001', async () => {
    const f = await seedSite(sys, { timezone: 'Europe/Copenhagen' });
    // 2026-06-10 23:59 CEST = 21:59Z.
    expect(await at(f, '2026-06-10T21:58:00Z')).toBe('P001@2026-06-10');
    expect(await at(f, '2026-06-10T21:59:00Z')).toBe('P002@2026-06-10');
    expect(await at(f, '2026-06-10T21:59:00Z', 1)).toBe('K001@2026-06-10');
    // UTC is still on the 10th, but Copenhagen is on the 11th.
    expect(await at(f, '2026-06-10T22:01:00Z')).toBe('P001@2026-06-11');
    expect(await at(f, '2026-06-10T22:01:30Z', 1)).toBe('K001@2026-06-11');
    expect(await at(f, '2026-06-10T22:02:00Z')).toBe('P002@2026-06-11');
  });

  it('spring forward (2026-03-29, 02:00→03:00): one business date for the 23-hour day, numbering runs on across the change', async () => {
    const f = await seedSite(sys, { timezone: 'Europe/Copenhagen' });
    expect(await at(f, '2026-03-28T22:59:00Z')).toBe('P001@2026-03-28'); // 23:59 CET on the 28th
    expect(await at(f, '2026-03-28T23:01:00Z')).toBe('P001@2026-03-29'); // 00:01 CET
    expect(await at(f, '2026-03-29T00:59:00Z')).toBe('P002@2026-03-29'); // 01:59 CET, just before the change
    expect(await at(f, '2026-03-29T01:00:00Z')).toBe('P003@2026-03-29'); // 03:00 CEST, the instant after
    expect(await at(f, '2026-03-29T01:01:00Z')).toBe('P004@2026-03-29'); // 03:01 CEST
    expect(await at(f, '2026-03-29T21:59:00Z')).toBe('P005@2026-03-29'); // 23:59 CEST, 23 hours after midnight
    expect(await at(f, '2026-03-29T22:01:00Z')).toBe('P001@2026-03-30'); // 00:01 CEST on the 30th
  });

  it('fall back (2026-10-25, 03:00→02:00): one business date for the 25-hour day, the repeated hour does not restart the count', async () => {
    const f = await seedSite(sys, { timezone: 'Europe/Copenhagen' });
    expect(await at(f, '2026-10-24T21:59:00Z')).toBe('P001@2026-10-24'); // 23:59 CEST on the 24th
    expect(await at(f, '2026-10-24T22:01:00Z')).toBe('P001@2026-10-25'); // 00:01 CEST
    expect(await at(f, '2026-10-25T00:30:00Z')).toBe('P002@2026-10-25'); // 02:30 CEST, first time
    expect(await at(f, '2026-10-25T00:59:00Z')).toBe('P003@2026-10-25'); // 02:59 CEST, just before the change
    expect(await at(f, '2026-10-25T01:01:00Z')).toBe('P004@2026-10-25'); // 02:01 CET, the hour again
    expect(await at(f, '2026-10-25T01:30:00Z')).toBe('P005@2026-10-25'); // 02:30 CET, second time
    expect(await at(f, '2026-10-25T22:59:00Z')).toBe('P006@2026-10-25'); // 23:59 CET, 25 hours after midnight
    expect(await at(f, '2026-10-25T23:01:00Z')).toBe('P001@2026-10-26'); // 00:01 CET on the 26th
  });

  it('a site in America/New_York starts its day at its own midnight, not at UTC midnight or Copenhagen’s', async () => {
    const ny = await seedSite(sys, { timezone: 'America/New_York' });
    const cph = await seedSite(sys, { timezone: 'Europe/Copenhagen' });
    expect(await at(ny, '2026-06-10T21:59:00Z')).toBe('P001@2026-06-10'); // 17:59 EDT
    expect(await at(cph, '2026-06-10T21:59:00Z')).toBe('P001@2026-06-10'); // 23:59 CEST
    expect(await at(ny, '2026-06-10T22:01:00Z')).toBe('P002@2026-06-10'); // Copenhagen's midnight has passed; New York's has not
    expect(await at(cph, '2026-06-10T22:01:00Z')).toBe('P001@2026-06-11');
    expect(await at(ny, '2026-06-10T23:59:00Z')).toBe('P003@2026-06-10'); // 19:59 EDT
    expect(await at(ny, '2026-06-11T00:01:00Z')).toBe('P004@2026-06-10'); // UTC midnight passed: 20:01 EDT, same day
    expect(await at(ny, '2026-06-11T03:59:00Z')).toBe('P005@2026-06-10'); // 23:59 EDT
    expect(await at(ny, '2026-06-11T04:01:00Z')).toBe('P001@2026-06-11'); // 00:01 EDT: New York's new day
    // Its own DST change (2026-11-01, 02:00 EDT → 01:00 EST) keeps one business date too.
    expect(await at(ny, '2026-11-01T04:01:00Z')).toBe('P001@2026-11-01'); // 00:01 EDT
    expect(await at(ny, '2026-11-01T05:30:00Z')).toBe('P002@2026-11-01'); // 01:30 EDT
    expect(await at(ny, '2026-11-01T06:30:00Z')).toBe('P003@2026-11-01'); // 01:30 EST, the hour again
    expect(await at(ny, '2026-11-02T04:59:00Z')).toBe('P004@2026-11-01'); // 23:59 EST
    expect(await at(ny, '2026-11-02T05:01:00Z')).toBe('P001@2026-11-02'); // 00:01 EST
  });
});
