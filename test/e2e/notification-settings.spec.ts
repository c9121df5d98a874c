import { DataSource } from 'typeorm';
import { SettableClock, seedBookableSite, BookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

const MONDAY_EARLY = '2027-03-22T06:00:00Z';

/** A site's notification settings and templates (ticketing app, admin): what is refused, and that what is kept is what the outbox uses. */
describe('notification settings', () => {
  let sys: TestSystem;
  let db: DataSource;
  let f: BookableSite;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  const put = (body: unknown) => sys.ticketing.as(f.tokens.admin).put(`/sites/${f.siteId}/notification-settings`, body);

  beforeAll(async () => {
    // E-mail is configured (its server is never reached here); SMS and push are not.
    sys = await startSystem({ clock, env: { SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'borgerservice@example.dk' } });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
    f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
  });
  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  it('shows the defaults: channels on only where configured, reminders 24 h and 2 h, quiet 22–07, turn near 10 minutes', async () => {
    const res = await sys.ticketing.as(f.tokens.admin).get(`/sites/${f.siteId}/notification-settings`);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      configured: { email: true, sms: false, push: false },
      channels: { email: true, sms: false, push: false },
      reminderOffsetsMinutes: [1440, 120],
      quietHours: { from: '22:00', to: '07:00' },
      turnNearMinutes: 10,
      smsPerNumberPerDay: 5,
      survey: false,
      templates: {},
    });
    expect(res.body.defaultTemplates['booking-reminder'].da.sms).toContain('{manageUrl}');
    expectStatus(await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/notification-settings`), 403);
  });

  it('refuses an SMS template over 160 GSM-7 characters with the longest values filled in, with a clear code and message', async () => {
    const sms = 'Husk din tid til {service} {time} hos {site}. Din kode er {code}. Du kan flytte eller aflyse tiden her: {manageUrl}';
    const res = await put({ templates: { 'booking-reminder': { da: { sms } } } });
    expectStatus(res, 422);
    expect(res.body.error.code).toBe('template_too_long');
    expect(res.body.error.message).toMatch(/^The booking-reminder sms template is \d+ GSM-7 characters with the longest values filled in; an SMS holds 160\.$/);
    expect(res.body.error.details).toEqual({ kind: 'booking-reminder', language: 'da', part: 'sms' });
    // The same text as an e-mail is fine: only an SMS has the limit.
    expectStatus(await put({ templates: { 'booking-reminder': { da: { text: sms } } } }), 200);
  });

  it('refuses other bad templates: a foreign placeholder, a character outside GSM-7, a CPR-shaped text, an empty one', async () => {
    const refused = async (template: Record<string, string>, code: string | RegExp) => {
      const res = await put({ templates: { 'turn-called': { en: template } } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.code).toMatch(code);
    };
    await refused({ sms: 'No. {number}, {name}: go to {counter}.' }, 'template_placeholder');
    await refused({ sms: 'No. {number}: go to {counter} 👉' }, 'template_not_gsm7');
    await refused({ text: 'Your number {number}. Ref 010190-1234' }, /cpr|template_personal_data/);
    await refused({ subject: '  ' }, 'template_empty');
    await refused({ body: 'x' }, 'invalid_notification_settings');
  });

  it('refuses malformed settings with 400 and a channel the server has not configured with 422', async () => {
    for (const body of [
      { reminderOffsetsMinutes: 'soon' },
      { reminderOffsetsMinutes: [60, 60] },
      { reminderOffsetsMinutes: [5] },
      { quietHours: { from: '25:00', to: '07:00' } },
      { quietHours: '22-07' },
      { turnNearMinutes: 0 },
      { turnNearMinutes: 2.5 },
      { smsPerNumberPerDay: 1000 },
      { survey: 'yes' },
      { channels: { fax: true } },
      { templates: { 'booking-reminder': { fr: { sms: 'x' } } } },
      { templates: { 'birthday-greeting': { da: { sms: 'x' } } } },
      { templates: [] },
    ]) {
      const res = await put(body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code: 'invalid_notification_settings' });
    }
    expect((await put({ colour: 'red' })).status).toBe(400);
    const sms = await put({ channels: { sms: true } });
    expectStatus(sms, 422);
    expect(sms.body.error).toMatchObject({ code: 'channel_not_configured', details: { channel: 'sms' } });
  });

  it('keeps what it accepts in site.settings.notifications, where the outbox reads it: a 60-minute reminder, the site’s SMS text', async () => {
    const res = await put({
      reminderOffsetsMinutes: [60],
      quietHours: { from: '21:00', to: '08:00' },
      turnNearMinutes: 15,
      smsPerNumberPerDay: 3,
      survey: true,
      channels: { email: false },
      templates: { 'booking-reminder': { da: { sms: 'Husk {service} {time}. Kode {code}.' } } },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      channels: { email: false, sms: false, push: false },
      reminderOffsetsMinutes: [60],
      quietHours: { from: '21:00', to: '08:00' },
      turnNearMinutes: 15,
      smsPerNumberPerDay: 3,
      survey: true,
      templates: { 'booking-reminder': { da: { sms: 'Husk {service} {time}. Kode {code}.' } } },
    });
    // Another change leaves the rest as it was.
    expectStatus(await put({ turnNearMinutes: 12 }), 200);
    const [{ notifications }] = await db.query(`SELECT settings -> 'notifications' AS notifications FROM site WHERE id = $1`, [f.siteId]);
    expect(notifications).toMatchObject({ reminderOffsetsMinutes: [60], turnNearMinutes: 12, survey: true });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T09:00:00+01:00', contact: { email: 'borger@example.dk' } });
    expectStatus(booked, 201);
    const reminders = await db.query(`SELECT due_at FROM notification WHERE subject_id = $1 AND kind = 'booking-reminder'`, [booked.body.id]);
    // 08:00 is the end of the site's quiet hours (21–08), one hour before 09:00.
    expect(reminders.map((r: { due_at: Date }) => r.due_at.toISOString())).toEqual(['2027-03-24T07:00:00.000Z']);
  });

  it('the delivery log takes real calendar dates only: 2027-02-30 and other non-dates are 400 invalid_date, never a 5xx', async () => {
    const log = (query: string) => sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/notifications${query}`);
    const refused: [string, number, string][] = [
      ['?from=2027-02-30', 400, 'invalid_date'],
      ['?from=2027-02-01&to=2027-02-29', 400, 'invalid_date'],
      ['?from=2027-13-01', 400, 'invalid_date'],
      ['?from=2027-2-1', 400, 'invalid_date'],
      ['?from=yesterday', 400, 'invalid_date'],
      ['?from=2027-03-22&to=2027-03-21', 400, 'invalid_range'],
      ['?from=2027-01-01&to=2027-03-01', 400, 'invalid_range'],
    ];
    for (const [query, status, code] of refused) {
      const r = await log(query);
      expect({ query, status: r.status, code: r.body?.error?.code }).toEqual({ query, status, code });
    }
    // A leap day is a date; no dates at all: today at the site.
    const leap = await log('?from=2028-02-29');
    expectStatus(leap, 200);
    expect(leap.body).toMatchObject({ from: '2028-02-29', to: '2028-02-29' });
    const today = await log('');
    expectStatus(today, 200);
    expect(today.body).toMatchObject({ from: '2027-03-22', to: '2027-03-22' });
  });
});
