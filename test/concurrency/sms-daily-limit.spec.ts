import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '@skranke/jobs';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestGatewayApi, startGatewayApi } from '../support/notify';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

const LIMIT = 3;

/**
 * Issue 20: at most `smsPerNumberPerDay` SMS to one number. Two dispatchers (the triage and the ticketing
 * app, each with its own connections) send a burst of messages to the same number at once, each batch in
 * parallel, while the gateway takes its time to answer: the check and the claim of the allowance are one
 * step under a lock on the number, so the gateway never gets more than the limit, whatever the interleaving.
 */
describe('SMS per number per day under two dispatchers', () => {
  let sys: TestSystem;
  let db: DataSource;
  let gateway: TestGatewayApi;
  let f: SiteFixture;

  beforeAll(async () => {
    gateway = await startGatewayApi('test-gatewayapi-token', { answerAfterMs: 150 });
    sys = await startSystem({ env: { SMS_PROVIDER: 'gatewayapi', SMS_API_URL: gateway.url, SMS_API_TOKEN: gateway.token } });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
    f = await seedSite(sys, { services: 1, counters: 1 });
    expectStatus(await sys.ticketing.as(f.tokens.admin).put(`/sites/${f.siteId}/notification-settings`, { smsPerNumberPerDay: LIMIT }), 200);
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
    await gateway?.close();
  });

  /** `n` waiting tickets that asked by SMS on one number, each with a "turn near" due now. */
  async function burst(phone: string, n: number): Promise<void> {
    const tickets = await issueTickets(sys, f, f.services[0].id, n);
    for (const t of tickets) {
      await db.query(`UPDATE ticket SET notify_channel = 'sms', notify_contact = $2, turn_near_at = now() WHERE id = $1`, [t.id, phone]);
      await db.query(
        `INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
         VALUES ($1, 'ticket', $2, 'turn-near', 'sms', $3, 'da', $4, now() - interval '1 second')`,
        [f.siteId, t.id, phone, { number: t.number, serviceId: f.services[0].id }],
      );
    }
  }

  const to = (phone: string) => gateway.sent.filter((m) => m.recipients.some((r) => `+${r.msisdn}` === phone)).length;

  it.each([
    ['+4520304050', 8, 4],
    ['+4520304051', 12, 6],
    ['+4520304052', 4, 2],
  ])('%s: %i messages due, %i per dispatcher batch, both at once: the gateway gets at most the limit', async (phone, n, batch) => {
    await burst(phone, n);
    const [a, b] = [sys.apps[0].get(NotificationDispatcher), sys.apps[1].get(NotificationDispatcher)];
    expect(a).not.toBe(b);
    const results = await Promise.all([a.dispatchDue(batch), b.dispatchDue(batch)]);
    expect(results.map((r) => r.claimed)).toEqual([batch, batch]);
    const states: { state: string; error: string | null; n: number }[] = await db.query(
      `SELECT state, error, count(*)::int AS n FROM notification WHERE contact = $1 GROUP BY 1, 2 ORDER BY 1`,
      [phone],
    );
    expect(to(phone)).toBe(Math.min(LIMIT, n));
    expect(states).toEqual([
      { state: 'failed', error: 'daily_limit', n: n - Math.min(LIMIT, n) },
      { state: 'sent', error: null, n: Math.min(LIMIT, n) },
    ].filter((s) => s.n > 0));
    // A later pass changes nothing: the number has had its messages for the day.
    await Promise.all([a.dispatchDue(), b.dispatchDue()]);
    expect(to(phone)).toBe(Math.min(LIMIT, n));
  });
});
