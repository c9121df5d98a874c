/**
 * Reports by e-mail (issue 21 item 6), received by a real SMTP server: a weekly report goes out on Monday at 07:00
 * in the site's time on both sides of the change to summer time, with the chart in the message and the CSV
 * attached; two passes at once send it once; an empty period is skipped when asked; an owner who lost the site
 * gets a notice instead of figures; and what cannot be subscribed to is refused with a code.
 */
import { parse } from 'csv-parse/sync';
import { ScheduledReports } from '../../libs/jobs/src/reports/scheduled-reports.service';
import { SettableClock } from '../support/booking';
import { expectStatus } from '../support/http';
import { startSmtp, TestSmtp } from '../support/notify';
import { PlayedSite, playStatDays } from '../support/stat-days';
import { volumeFigures } from '../support/stat-expect';
import { TestSystem, startSystem } from '../support/system';

describe('scheduled reports by e-mail', () => {
  const clock = new SettableClock(new Date('2026-03-20T10:00:00Z'));
  let sys: TestSystem;
  let smtp: TestSmtp;
  let site: PlayedSite;
  const pass = () => sys.apps[0].get(ScheduledReports).sendDue();

  beforeAll(async () => {
    smtp = await startSmtp();
    sys = await startSystem({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Borgerservice <borgerservice@kommune.dk>' } });
    site = await playStatDays(sys, clock, {
      seed: 5,
      name: 'Borgerservice Vest',
      days: [{ date: '2026-03-25', opensHour: 9, closesHour: 14, visits: 24 }],
    });
  }, 180_000);
  afterAll(async () => {
    await sys?.stop();
    await smtp?.close();
  });

  it('sends weekly at 07:00 local time before and after the change to summer time, chart inline and CSV attached', async () => {
    const supervisor = sys.triage.as(site.fixture.tokens.supervisor);
    clock.set('2026-03-20T10:00:00Z'); // Friday before
    const created = await supervisor.post('/report-subscriptions', {
      report: 'volume',
      siteIds: [site.fixture.siteId],
      frequency: 'weekly',
      lang: 'da',
      email: 'leder@kommune.dk',
    });
    expectStatus(created, 201);
    // Monday 23 March, 07:00 CET.
    expect(created.body.nextRunAt).toBe('2026-03-23T06:00:00.000Z');

    clock.set('2026-03-23T05:59:00Z');
    expect(await pass()).toEqual({ sent: 0, skipped: 0, failed: 0 });
    clock.set('2026-03-23T06:00:30Z');
    // Two workers at once: one message.
    const [x, y] = await Promise.all([pass(), pass()]);
    expect(x.sent + y.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].mail.subject).toBe('Skranke: Besøg og serviceniveau, 2026-03-16–2026-03-22');

    // Monday 30 March, 07:00 CEST: an hour earlier in UTC.
    clock.set('2026-03-30T04:59:00Z');
    expect((await pass()).sent).toBe(0);
    clock.set('2026-03-30T05:00:10Z');
    expect((await pass()).sent).toBe(1);
    const mail = smtp.received[1].mail;
    expect(mail.subject).toBe('Skranke: Besøg og serviceniveau, 2026-03-23–2026-03-29');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('leder@kommune.dk');
    // The chart is in the message itself: one bar per row (width scaled to the largest), and the table under it.
    expect(mail.html).toContain('Ankomne pr. række');
    expect(mail.html).toMatch(/background:#0059b3;width:240px/);
    const attachment = mail.attachments.find((a) => a.filename?.endsWith('.csv'))!;
    expect(attachment.filename).toBe('skranke-volume-2026-03-23-2026-03-29.csv');
    const lines: string[][] = parse(attachment.content.toString('utf8').replace(/^\uFEFF/, ''), {
      delimiter: ';',
      relax_column_count: true,
    });
    expect(lines[2]).toEqual(['Periode', '2026-03-23', '2026-03-29']);
    const header = lines.findIndex((l) => l[0] === 'Periode' && l[1] === 'Sted');
    const totals = lines.find((l) => l[0] === 'I alt')!;
    expect(Number(totals[lines[header].indexOf('Ankomne')])).toBe(volumeFigures(site.visits, 10).arrived);
    expect(Number(totals[lines[header].indexOf('Ankomne')])).toBe(24);

    const listed = await supervisor.get('/report-subscriptions');
    expect(listed.body).toEqual([expect.objectContaining({ lastStatus: 'sent', lastError: null, nextRunAt: '2026-04-06T05:00:00.000Z' })]);
  });

  it('skips an empty period when asked, and tells an owner who lost the site instead of sending figures', async () => {
    const admin = sys.triage.as(site.fixture.tokens.admin);
    const username = `reader-${site.fixture.slug}`;
    const user = await admin.post('/users', {
      username,
      password: 'password-123',
      displayName: 'Reader',
      roles: [{ siteId: site.fixture.siteId, role: 'reports' }],
    });
    expectStatus(user, 201);
    const login = await sys.triage.post('/auth/login', { username, password: 'password-123' });
    const reader = sys.triage.as(login.body.accessToken);
    clock.set('2026-04-01T10:00:00Z');
    const daily = await reader.post('/report-subscriptions', {
      report: 'volume',
      siteIds: [site.fixture.siteId],
      frequency: 'daily',
      lang: 'en',
      email: 'analyst@kommune.dk',
      skipWhenEmpty: true,
    });
    expectStatus(daily, 201);
    const before = smtp.received.length;
    clock.set('2026-04-02T05:00:30Z'); // 07:00 CEST: yesterday had no visits
    await pass();
    expect(smtp.received.length).toBe(before);
    expect((await reader.get('/report-subscriptions')).body[0]).toMatchObject({ lastStatus: 'skipped-empty' });

    // The reader loses the site: the next send is a notice with the reason, no figures.
    expectStatus(await admin.patch(`/users/${user.body.id}`, { roles: [] }), 200);
    clock.set('2026-04-03T05:00:30Z');
    await pass();
    const notice = smtp.received.at(-1)!.mail;
    expect(notice.subject).toBe('Skranke: the report Volume and service level could not be made');
    expect(notice.text).toContain('report_site_forbidden');
    expect(notice.attachments).toHaveLength(0);
  });

  it('refuses what cannot be subscribed to, with a code', async () => {
    const supervisor = sys.triage.as(site.fixture.tokens.supervisor);
    // The listing says which reports the page may offer by e-mail: all but the visits export (a file of rows).
    const listing = (await supervisor.get('/reports?lang=en')).body as { id: string; byEmail: boolean }[];
    expect(listing.filter((r) => !r.byEmail).map((r) => r.id)).toEqual(['visits']);
    const base = { report: 'volume', siteIds: [site.fixture.siteId], frequency: 'weekly', lang: 'da', email: 'leder@kommune.dk' };
    const other = await playStatDays(sys, clock, { seed: 6, days: [{ date: '2026-04-06', opensHour: 9, closesHour: 10, visits: 3 }] });
    const tried: [unknown, number, string][] = [
      [{ ...base, report: 'visits' }, 422, 'report_not_subscribable'],
      [{ ...base, report: 'nonsense' }, 400, 'validation_failed'],
      [{ ...base, siteIds: [other.fixture.siteId] }, 403, 'report_site_forbidden'],
      [{ ...base, siteIds: [] }, 400, 'validation_failed'],
      [{ ...base, frequency: 'hourly' }, 400, 'validation_failed'],
      [{ ...base, email: 'not an address' }, 400, 'validation_failed'],
      [{ ...base, lang: 'fr' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of tried) {
      const res = await supervisor.post('/report-subscriptions', body);
      expect({ body, status: res.status, code: res.body?.error?.code }).toEqual({ body, status, code });
    }
    expect((await supervisor.delete('/report-subscriptions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
