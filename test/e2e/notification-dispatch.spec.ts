import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '@skranke/jobs';
import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSmtp, startSmtp } from '../support/notify';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';

/** The dispatcher run by hand on the test's clock: nothing after a cancellation, retries with backoff, failure after the last attempt. */
describe('notification dispatcher', () => {
  let sys: TestSystem;
  let db: DataSource;
  let smtp: TestSmtp;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  const dispatch = () => sys.apps[0].get(NotificationDispatcher).dispatchDue();

  beforeAll(async () => {
    smtp = await startSmtp();
    sys = await startSystem({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'borgerservice@example.dk', NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_SECONDS: '60' } });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.mail.to).includes(address)).map((m) => m.mail.subject);
  const rows = (subjectId: string) =>
    db.query(`SELECT kind, state, attempts, sent_at, error FROM notification WHERE subject_id = $1 ORDER BY due_at, kind`, [subjectId]);

  it('no message after cancellation: book, reminders scheduled, cancel, the clock past the reminders: only the confirmation and the cancellation', async () => {
    clock.set(MONDAY_EARLY);
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.serviceId,
      startsAt: '2027-03-24T09:00:00+01:00',
      contact: { email: 'aflyst@example.dk' },
    });
    expectStatus(booked, 201);
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await rows(booked.body.id)).map((r: { kind: string; state: string }) => `${r.kind} ${r.state}`)).toEqual([
      'booking-confirmation sent',
      'booking-reminder scheduled',
      'booking-reminder scheduled',
    ]);

    clock.advance(30);
    expectStatus(await sys.ticketing.post(`/public/appointments/${booked.body.manageToken}/cancel`), 200);
    // Wednesday 08:30: past both reminders (Tuesday 09:00, Wednesday 07:00) and the time itself.
    clock.set('2027-03-24T07:30:00Z');
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await dispatch()).toMatchObject({ claimed: 0, sent: 0 });
    expect(mailsTo('aflyst@example.dk')).toEqual(['Din tid er booket: Ydelse 0 ons. 24/3 09:00', 'Din tid er aflyst: Ydelse 0 ons. 24/3 09:00']);
    const after = await rows(booked.body.id);
    expect(after.map((r: { kind: string; state: string }) => `${r.kind} ${r.state}`)).toEqual([
      'booking-confirmation sent',
      'booking-cancelled sent',
      'booking-reminder cancelled',
      'booking-reminder cancelled',
    ]);
    expect(after.filter((r: { kind: string }) => r.kind === 'booking-reminder').every((r: { sent_at: Date | null; attempts: number }) => r.sent_at === null && r.attempts === 0)).toBe(true);

    // A reminder nothing cancelled (as if written by a path that forgot): the dispatcher's own check cancels it instead of sending.
    await db.query(
      `INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
       SELECT site_id, subject_kind, subject_id, 'booking-reminder', channel, contact, language, params, $2 FROM notification WHERE subject_id = $1 AND kind = 'booking-confirmation'`,
      [booked.body.id, clock.now()],
    );
    expect(await dispatch()).toMatchObject({ claimed: 0, sent: 0, cancelled: 1 });
    expect(mailsTo('aflyst@example.dk')).toHaveLength(2);
  });

  it('retries a temporary refusal after a doubling wait, and fails after the last attempt', async () => {
    clock.set(MONDAY_EARLY);
    const f = await seedBookableSite(sys, { counters: 2, minutes: 20, share: 1 });
    smtp.refuseNext = 1;
    const once = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T09:00:00+01:00', contact: { email: 'igen@example.dk' } });
    expectStatus(once, 201);
    expect(await dispatch()).toMatchObject({ claimed: 1, retried: 1 });
    // Not before its wait (60 s) is over.
    clock.advance(0.5);
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    clock.advance(0.5);
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await rows(once.body.id))[0]).toMatchObject({ kind: 'booking-confirmation', state: 'sent', attempts: 2 });
    expect(mailsTo('igen@example.dk')).toHaveLength(1);

    smtp.refuseNext = 3;
    const never = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T10:00:00+01:00', contact: { email: 'aldrig@example.dk' } });
    expectStatus(never, 201);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    clock.advance(1);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    clock.advance(1);
    expect(await dispatch()).toMatchObject({ claimed: 0 }); // the second wait is 120 s
    clock.advance(1);
    expect(await dispatch()).toMatchObject({ failed: 1 });
    expect((await rows(never.body.id))[0]).toMatchObject({ kind: 'booking-confirmation', state: 'failed', attempts: 3, error: expect.stringMatching(/451/) });
    expect(mailsTo('aldrig@example.dk')).toHaveLength(0);
  });
});
