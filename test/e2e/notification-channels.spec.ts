import { generateVAPIDKeys } from 'web-push';
import { DataSource } from 'typeorm';
import { SettableClock, firstFreeTime, seedBookableSite } from '../support/booking';
import { openCounter, issueTickets } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { browserSubscription, decryptPush, signHs256, startGatewayApi, startPushService, startSmtp, verifyVapid, TestGatewayApi, TestPushService, TestSmtp } from '../support/notify';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { gsm7Length } from '@skranke/domain';

jest.setTimeout(90_000);

// Monday 22 March 2027, 07:00 in Copenhagen.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const WEBHOOK_SECRET = 'a-shared-webhook-secret-for-tests';

/**
 * Each channel against a real server: e-mail to an SMTP server (parsed with
 * mailparser), SMS to a stand-in speaking GatewayAPI's REST API with signed
 * delivery reports, web push to a push service whose payload is decrypted
 * here with the subscription's private key (RFC 8291).
 */
describe('notification channels', () => {
  let sys: TestSystem;
  let db: DataSource;
  let smtp: TestSmtp;
  let gateway: TestGatewayApi;
  let push: TestPushService;
  const vapid = generateVAPIDKeys();
  const clock = new SettableClock(new Date(MONDAY_EARLY));

  beforeAll(async () => {
    [smtp, gateway, push] = await Promise.all([startSmtp(), startGatewayApi(), startPushService()]);
    sys = await startSystem({
      clock,
      runWorkers: true,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Borgerservice <borgerservice@example.dk>',
        SMS_PROVIDER: 'gatewayapi',
        SMS_API_URL: gateway.url,
        SMS_API_TOKEN: gateway.token,
        SMS_WEBHOOK_SECRET: WEBHOOK_SECRET,
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:drift@example.dk',
        NOTIFY_DISPATCH_MS: '100',
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
    await Promise.all([smtp?.close(), gateway?.close(), push?.close()]);
  });

  const row = async (subjectId: string, kind: string) =>
    (await db.query(`SELECT * FROM notification WHERE subject_id = $1 AND kind = $2`, [subjectId, kind]))[0];

  it('e-mails the confirmation: subject, plain text, HTML and the booking as an .ics attachment', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.serviceId,
      startsAt: '2027-03-24T09:00:00+01:00',
      contact: { email: 'borger@example.dk' },
      language: 'da',
    });
    expectStatus(booked, 201);
    const { mail } = await until(async () => smtp.received.find((m) => m.mail.to && JSON.stringify(m.mail.to).includes('borger@example.dk')), 20);
    const sent = await row(booked.body.id, 'booking-confirmation');
    expect(sent.state).toBe('sent');
    expect(mail.messageId).toBe(`<notification-${sent.id}@127.0.0.1>`);
    expect(mail.from?.value[0]).toMatchObject({ name: 'Borgerservice', address: 'borgerservice@example.dk' });
    expect(mail.subject).toBe('Din tid er booket: Ydelse 0 ons. 24/3 09:00');
    expect(mail.text).toContain(`Din kode til standeren: ${booked.body.bookingCode}`);
    expect(mail.text).toContain(`${sys.env.TICKETING_URL}/appointment/${booked.body.manageToken}`);
    expect(mail.html).toContain(`<a href="${sys.env.TICKETING_URL}/appointment/${booked.body.manageToken}">`);
    expect(mail.attachments).toHaveLength(1);
    const ics = mail.attachments[0];
    expect(ics.filename).toBe('booking.ics');
    expect(ics.contentType).toBe('text/calendar');
    const calendar = ics.content.toString('utf8');
    expect(calendar).toContain('DTSTART;TZID=Europe/Copenhagen:20270324T090000');
    expect(calendar).toContain(`UID:${booked.body.id}@skranke`);
    // Nothing but the allow-listed parameters: no name, no note.
    expect(mail.text).not.toMatch(/user|note/i);
  });

  it('texts through the GatewayAPI stand-in, within 160 GSM-7 characters; a signed delivery report marks it delivered, a forged one is refused', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const time = await firstFreeTime(sys, f, f.serviceId, '2027-03-24', '2027-03-24');
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.serviceId,
      startsAt: time.startsAt,
      contact: { phone: '+45 20 30 40 56' },
      language: 'en',
    });
    expectStatus(booked, 201);
    const sms = await until(async () => gateway.sent.find((s) => s.recipients[0].msisdn === 4520304056), 20);
    expect(sms.sender).toBe('Skranke');
    expect(sms.message).toBe(`Booked: Service 0 Wed 24/3 ${time.startsAt.slice(11, 16)}. Code ${booked.body.bookingCode}. ${sys.env.TICKETING_URL}/appointment/${booked.body.manageToken}`);
    expect(gsm7Length(sms.message)).toBeLessThanOrEqual(160);
    const sent = await until(async () => {
      const r = await row(booked.body.id, 'booking-confirmation');
      return r.state === 'sent' ? r : null;
    }, 10);
    expect(sms.userref).toBe(sent.id);
    expect(sent.provider_ref).toBe(String(sms.id));

    const report = { id: sms.id, msisdn: 4520304056, time: 1_800_000_000, status: 'DELIVERED', userref: sent.id };
    const forged = await sys.ticketing.request('POST', '/public/notifications/sms-reports', report, { 'X-Gwapi-Signature': signHs256(report, 'not-the-shared-secret-at-all') });
    expectStatus(forged, 401);
    expect(forged.body.error.code).toBe('invalid_signature');
    expectStatus(await sys.ticketing.request('POST', '/public/notifications/sms-reports', report), 401);
    expect((await row(booked.body.id, 'booking-confirmation')).state).toBe('sent');

    const signed = await sys.ticketing.request('POST', '/public/notifications/sms-reports', report, { 'X-Gwapi-Signature': signHs256(report, WEBHOOK_SECRET) });
    expectStatus(signed, 200);
    expect(signed.body).toEqual({ updated: 1 });
    const delivered = await row(booked.body.id, 'booking-confirmation');
    expect(delivered.state).toBe('delivered');
    expect(delivered.delivered_at).toEqual(clock.now());

    // The supervisor sees it, masked; the dashboard counts it.
    const log = await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/notifications?from=2027-03-22&to=2027-03-22`);
    expectStatus(log, 200);
    const entry = log.body.notifications.find((n: { kind: string }) => n.kind === 'booking-confirmation');
    expect(entry).toMatchObject({ channel: 'sms', state: 'delivered', contact: '+45 •• •• •0 56', dueAt: '2027-03-22T07:00:00+01:00', sentAt: '2027-03-22T07:00:00+01:00' });
    expect(JSON.stringify(log.body)).not.toContain('20304056');
    const counts = await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}/notifications/today`);
    expectStatus(counts, 200);
    expect(counts.body).toEqual({
      date: '2027-03-22',
      channels: [
        { channel: 'sms', sent: 1, delivered: 1, failed: 0 },
        { channel: 'email', sent: 0, delivered: 0, failed: 0 },
        { channel: 'push', sent: 0, delivered: 0, failed: 0 },
      ],
    });

    // At most smsPerNumberPerDay to one number: with 1, a second booking's confirmation is not sent.
    expectStatus(await sys.ticketing.as(f.tokens.admin).put(`/sites/${f.siteId}/notification-settings`, { smsPerNumberPerDay: 1 }), 200);
    const before = gateway.sent.length;
    const later = await firstFreeTime(sys, f, f.serviceId, '2027-03-24', '2027-03-24');
    const second = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: later.startsAt, contact: { phone: '+45 20 30 40 56' } });
    expectStatus(second, 201);
    const limited = await until(async () => {
      const r = await row(second.body.id, 'booking-confirmation');
      return r.state === 'failed' ? r : null;
    }, 20);
    expect(limited.error).toBe('daily_limit');
    expect(gateway.sent.length).toBe(before);
  });

  it('refuses a +1 number: the booking with 4xx, and a ticket row with it fails without reaching the gateway', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T11:00:00+01:00', contact: { phone: '+1 202 555 0123' } });
    expect(booked.status).toBeGreaterThanOrEqual(400);
    expect(booked.status).toBeLessThan(500);
    const before = gateway.sent.length;
    clock.set('2027-03-22T09:00:00Z'); // the site is open (08–16)
    await openCounter(sys, f, f.counters[0].id);
    const [ticket] = await issueTickets(sys, f, f.serviceId, 1);
    await db.query(`UPDATE ticket SET notify_channel = 'sms', notify_contact = '+12025550123' WHERE id = $1`, [ticket.id]);
    expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`, {}), 200);
    const failed = await until(async () => {
      const r = await row(ticket.id, 'turn-called');
      return r?.state === 'failed' ? r : null;
    }, 20);
    expect(failed.error).toBe('number_not_allowed');
    expect(gateway.sent.length).toBe(before);
  });

  it('pushes "it is your turn" encrypted for the subscription (RFC 8291) with a VAPID signature; a 410 drops the subscription', async () => {
    const f = await seedBookableSite(sys, { counters: 2, minutes: 20, share: 0.5 });
    clock.set('2027-03-22T09:00:00Z');
    await openCounter(sys, f, f.counters[0].id);
    await openCounter(sys, f, f.counters[1].id);
    const [ticket] = await issueTickets(sys, f, f.serviceId, 1);
    const sub = browserSubscription(`${push.url}/push/abc123`);
    await db.query(`UPDATE ticket SET notify_channel = 'push', notify_contact = $2, language = 'da' WHERE id = $1`, [ticket.id, JSON.stringify(sub.json)]);
    expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`, {}), 200);
    const req = await until(async () => push.received.find((r) => r.path === '/push/abc123'), 20);
    expect(req.headers['content-encoding']).toBe('aes128gcm');
    const claims = verifyVapid(String(req.headers.authorization), vapid.publicKey);
    expect(claims).toMatchObject({ aud: push.url, sub: 'mailto:drift@example.dk' });
    const sent = await row(ticket.id, 'turn-called');
    expect(req.headers.topic).toBe(sent.id.replace(/-/g, ''));
    const payload = JSON.parse(decryptPush(req.body, sub));
    expect(payload).toMatchObject({ title: 'Det er din tur: Skranke 1', body: `Nr. ${ticket.number}: Det er din tur. Gå til Skranke 1.`, tag: 'turn-called' });
    const [{ tracking_token }] = await db.query(`SELECT tracking_token FROM ticket WHERE id = $1`, [ticket.id]);
    expect(payload.url).toBe(`${sys.env.TICKETING_URL}/t/${tracking_token}`);
    // The ciphertext is not the text.
    expect(req.body.toString('utf8')).not.toContain('Skranke');

    // A subscription the push service no longer knows: failed, and forgotten.
    push.status = 410;
    const [second] = await issueTickets(sys, f, f.serviceId, 1);
    const gone = browserSubscription(`${push.url}/push/gone`);
    await db.query(`UPDATE ticket SET notify_channel = 'push', notify_contact = $2 WHERE id = $1`, [second.id, JSON.stringify(gone.json)]);
    expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[1].id}/call-next`, {}), 200);
    const failed = await until(async () => {
      const r = await row(second.id, 'turn-called');
      return r?.state === 'failed' ? r : null;
    }, 20);
    push.status = 201;
    expect(failed.error).toMatch(/410/);
    expect(failed.contact).toBeNull();
    expect((await db.query(`SELECT notify_contact FROM ticket WHERE id = $1`, [second.id]))[0].notify_contact).toBeNull();
  });
});
