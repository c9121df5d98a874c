import { DataSource } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { Clock } from '../../libs/core/src/clock';
import { TURN_NEAR_MARGIN_MINUTES } from '../../libs/domain/src';
import { issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

jest.setTimeout(120_000);

/**
 * A Thursday morning in Copenhagen, whenever the suite runs. The estimator reads the room of the site's business
 * day: run after 23:00 UTC, the sweep test's hour would cross midnight, its tickets would drop out of the room and no
 * "turn near" would come (CI failed so at 23:22 UTC).
 */
class TestClock extends Clock {
  private t = Date.parse('2026-12-03T09:00:00Z');
  now(): Date {
    return new Date(this.t);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

const vapid = generateVAPIDKeys();
/** The travel buffer (default 10) plus the margin the day simulator chose: below it, the message goes. */
const THRESHOLD = 10 + TURN_NEAR_MARGIN_MINUTES;
/** A browser's subscription as PushSubscription.toJSON() gives it (a P-256 point and a 16-byte secret). */
const subscription = (endpoint = 'https://push.example.com/send/abc') => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'), auth: Buffer.alloc(16, 3).toString('base64url') },
});

/**
 * Issue 20: the citizen asks from the ticket page to be told when the turn is near; "turn near" is written once,
 * when the low end of the estimate falls below the travel buffer; the call writes "it is your turn" with the
 * counter and cancels a "turn near" not sent yet (the outbox trigger). Push and SMS are configured, e-mail is not.
 */
describe('turn near: asking from the ticket page', () => {
  const clock = new TestClock();
  let sys: TestSystem;
  let db: DataSource;
  beforeAll(async () => {
    sys = await startSystem({
      clock,
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:drift@example.dk',
        SMS_PROVIDER: 'gatewayapi',
        SMS_API_URL: 'https://gatewayapi.example.com/rest/mtsms',
        SMS_API_TOKEN: 'test-token-test-token',
        TURN_NEAR_SWEEP_SECONDS: '0',
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  const notify = (token: string, body: unknown) => sys.ticketing.post(`/tickets/track/${token}/notify`, body);
  const track = async (token: string) => {
    const r = await sys.ticketing.get(`/tickets/track/${token}`);
    expectStatus(r, 200);
    return r.body;
  };
  const rows = (ticketId: string) =>
    db.query(`SELECT kind, channel, state, contact, params, due_at FROM notification WHERE subject_id = $1 ORDER BY created_at, kind`, [ticketId]);
  const turnNearAt = async (ticketId: string) => (await db.query(`SELECT turn_near_at FROM ticket WHERE id = $1`, [ticketId]))[0].turn_near_at;

  it('offers the configured channels on the tracking view, and refuses what is malformed, off or CPR-shaped', async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    const [t] = await issueTickets(sys, f, f.services[0].id, 1);
    const view = await track(t.trackingToken);
    expect(view).toMatchObject({ notifyChannels: ['push', 'sms'], notifyChannel: null, turnNearMinutes: 10 });

    const refused: [unknown, number, string][] = [
      [{}, 400, 'notify_one_channel'],
      [{ phone: '+45 12 34 56 78', email: 'borger@example.dk' }, 400, 'notify_one_channel'],
      [{ phone: '+1 555 123 4567' }, 400, 'invalid_contact'],
      [{ phone: '12345678' }, 400, 'invalid_contact'],
      [{ phone: '010190-1234' }, 400, 'cpr_not_allowed'],
      [{ email: '0101901234@example.dk' }, 400, 'cpr_not_allowed'],
      [{ email: 'borger@example.dk' }, 422, 'channel_off'],
      [{ push: subscription('http://push.example.com/send/abc') }, 400, 'invalid_push_subscription'],
      [{ push: subscription('https://127.0.0.1/send') }, 400, 'invalid_push_subscription'],
      [{ push: subscription('https://10.1.2.3/send') }, 400, 'invalid_push_subscription'],
      [{ push: subscription('https://localhost/send') }, 400, 'invalid_push_subscription'],
      [{ push: { ...subscription(), keys: { p256dh: 'short', auth: 'x' } } }, 400, 'invalid_push_subscription'],
      [{ push: { endpoint: 'https://push.example.com/x' } }, 400, 'validation_failed'],
      [{ sms: '+4512345678' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of refused) {
      const r = await notify(t.trackingToken, body);
      expect({ body, status: r.status, code: r.body?.error?.code }).toEqual({ body, status, code });
    }
    expect((await notify('no-such-token', { phone: '+4512345678' })).status).toBe(404);
    expect(await rows(t.id)).toEqual([]);

    // The site's admin turned SMS off (settings.notifications.channels): not offered, and refused.
    await db.query(`UPDATE site SET settings = jsonb_set(coalesce(settings, '{}'), '{notifications}', '{"channels": {"sms": false}}') WHERE id = $1`, [f.siteId]);
    expect((await track(t.trackingToken)).notifyChannels).toEqual(['push']);
    const off = await notify(t.trackingToken, { phone: '+4512345678' });
    expect([off.status, off.body.error.code]).toEqual([422, 'channel_off']);
  });

  it('a ticket whose turn is near already is not offered it (turn_already_near); one that asked in time may change its contact, and the unsent message follows', async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    await openCounter(sys, f, f.counters[0].id);
    const tickets = [];
    for (let i = 0; i < 10; i++) {
      tickets.push(...(await issueTickets(sys, f, f.services[0].id, 1)));
      clock.advance(0.01);
    }
    // Next in line with a free seat: the low end is 0, below the buffer plus margin. No message could come in time.
    const near = tickets[0];
    expect(await track(near.trackingToken)).toMatchObject({ estimatedWait: { low: 0 }, turnNearNow: true, notifyChannel: null });
    const refused = await notify(near.trackingToken, { phone: '+45 12 34 56 78' });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'turn_already_near']);
    expect(await rows(near.id)).toEqual([]);

    // The last one asks while far (offered), by SMS.
    const last = tickets[9];
    expect(await track(last.trackingToken)).toMatchObject({ turnNearNow: false });
    const first = await notify(last.trackingToken, { phone: '+45 12 34 56 78' });
    expectStatus(first, 200);
    expect(first.body).toEqual({ number: last.number, channel: 'sms', turnNearMinutes: 10 });
    // The nine ahead leave (each change evaluates): its turn becomes near and the message is written.
    for (const ahead of tickets.slice(0, 9)) {
      expectStatus(await sys.ticketing.post(`/tickets/track/${ahead.trackingToken}/leave`), 200);
      clock.advance(0.05);
    }
    expect((await track(last.trackingToken)).estimatedWait.low).toBeLessThan(THRESHOLD);
    const written = await until(async () => (await rows(last.id)).length === 1 && rows(last.id), 10);
    expect(written).toEqual([
      { kind: 'turn-near', channel: 'sms', state: 'scheduled', contact: '+4512345678', params: { number: last.number, serviceId: f.services[0].id }, due_at: await turnNearAt(last.id) },
    ]);
    // Near now, but it asked in time: asking again (push instead) is taken, the unsent message follows; still one.
    expect((await track(last.trackingToken)).turnNearNow).toBe(false);
    const again = await notify(last.trackingToken, { push: subscription() });
    expectStatus(again, 200);
    expect(again.body.channel).toBe('push');
    expect((await track(last.trackingToken)).notifyChannel).toBe('push');
    for (let i = 0; i < 5; i++) {
      clock.advance(0.1);
      await track(last.trackingToken);
    }
    await new Promise((r) => setTimeout(r, 300));
    const after = await rows(last.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ kind: 'turn-near', channel: 'push', contact: JSON.stringify({ endpoint: 'https://push.example.com/send/abc', keys: subscription().keys }) });
  });

  it('waits for the low end to fall below the buffer (and margin), sends once through recounts, and the call cancels it and says where to go', async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    await openCounter(sys, f, f.counters[0].id);
    // One after another (tickets drawn at one instant are in no particular order among themselves).
    const tickets = [];
    for (let i = 0; i < 10; i++) {
      tickets.push(...(await issueTickets(sys, f, f.services[0].id, 1)));
      clock.advance(0.01);
    }
    const last = tickets[9];
    const low0 = (await track(last.trackingToken)).estimatedWait.low;
    expect(low0).toBeGreaterThanOrEqual(THRESHOLD);
    expectStatus(await notify(last.trackingToken, { phone: '+4587654321' }), 200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows(last.id)).toEqual([]);
    expect(await turnNearAt(last.id)).toBeNull();

    // The citizens ahead leave one by one; each change refreshes the estimates, which evaluate.
    const lows: number[] = [];
    for (const ahead of tickets.slice(0, 9)) {
      expectStatus(await sys.ticketing.post(`/tickets/track/${ahead.trackingToken}/leave`), 200);
      clock.advance(0.05);
      const low = (await track(last.trackingToken)).estimatedWait.low;
      lows.push(low);
      if (low < THRESHOLD) break;
    }
    expect(lows.at(-1)).toBeLessThan(THRESHOLD);
    const sent = await until(async () => (await rows(last.id)).length > 0 && rows(last.id), 10);
    expect(sent).toMatchObject([{ kind: 'turn-near', channel: 'sms', state: 'scheduled', contact: '+4587654321' }]);
    // Every earlier figure was at or above the threshold: not sent early.
    expect(lows.slice(0, -1).every((l) => l >= THRESHOLD)).toBe(true);

    // A recount: the counter pauses (no estimate), opens again (near again): no second message.
    expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/pause`, { reason: 'break' }), 200);
    clock.advance(1);
    await track(last.trackingToken);
    await openCounter(sys, f, f.counters[0].id);
    clock.advance(1);
    await track(last.trackingToken);
    await new Promise((r) => setTimeout(r, 300));
    expect((await rows(last.id)).filter((r: { kind: string }) => r.kind === 'turn-near')).toHaveLength(1);

    // The call: "it is your turn" at Skranke 1, and the unsent "turn near" is cancelled in that transaction.
    const called = await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call/${last.id}`);
    expectStatus(called, 200);
    const end = await rows(last.id);
    expect(end.map((r: { kind: string; state: string }) => `${r.kind} ${r.state}`)).toEqual(['turn-near cancelled', 'turn-called scheduled']);
    expect(end[1]).toMatchObject({ channel: 'sms', contact: '+4587654321', params: { number: last.number, counterName: 'Skranke 1', serviceId: f.services[0].id } });

    // Asking on a called ticket: 409.
    const late = await notify(last.trackingToken, { phone: '+4587654321' });
    expect([late.status, late.body.error.code]).toEqual([409, 'ticket_not_waiting']);
  });
});

/** Between changes nobody looks (the phone is in a pocket): the workers' sweep refreshes the estimates and tells. */
describe('turn near: the sweep between changes', () => {
  const clock = new TestClock();
  let sys: TestSystem;
  let db: DataSource;
  beforeAll(async () => {
    sys = await startSystem({ clock, runWorkers: true, env: { SMS_PROVIDER: 'gatewayapi', SMS_API_TOKEN: 'test-token-test-token', TURN_NEAR_SWEEP_SECONDS: '1' } });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  it('tells a citizen whose turn became near with no request and no event to refresh the estimates', async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    await openCounter(sys, f, f.counters[0].id);
    const [first] = await issueTickets(sys, f, f.services[0].id, 1);
    clock.advance(0.01);
    const staff = sys.counterDisplay[0].as(f.tokens.counter);
    expectStatus(await staff.post(`/counters/${f.counters[0].id}/call-next`), 200);
    expectStatus(await staff.post(`/tickets/${first.id}/start`), 200);
    // Six citizens wait behind the one being served; the last asks while its low end is well above the threshold.
    const waiting = [];
    for (let i = 0; i < 6; i++) {
      waiting.push(...(await issueTickets(sys, f, f.services[0].id, 1)));
      clock.advance(0.01);
    }
    const mine = waiting[5];
    const low = (await sys.ticketing.get(`/tickets/track/${mine.trackingToken}`)).body.estimatedWait.low;
    expect(low).toBeGreaterThanOrEqual(THRESHOLD);
    expectStatus(await sys.ticketing.post(`/tickets/track/${mine.trackingToken}/notify`, { phone: '+4522334455' }), 200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await db.query(`SELECT 1 FROM notification WHERE subject_id = $1`, [mine.id])).toEqual([]);
    // The five ahead are gone, written straight to the database (no event, so nothing triggers a refresh), and an
    // hour passes with nobody looking: only the workers' sweep can notice.
    for (const t of waiting.slice(0, 5)) await db.query(`UPDATE ticket SET status = 'cancelled', ended_at = now() WHERE id = $1`, [t.id]);
    clock.advance(60);
    const row = await until(async () => (await db.query(`SELECT kind, state, contact FROM notification WHERE subject_id = $1`, [mine.id]))[0], 15);
    expect(row).toEqual({ kind: 'turn-near', state: 'scheduled', contact: '+4522334455' });
  });
});
