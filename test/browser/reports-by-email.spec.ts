import { Browser } from 'playwright-core';
import { Client } from 'pg';
import { parse } from 'csv-parse/sync';
import { ScheduledReports } from '../../libs/jobs/src/reports/scheduled-reports.service';
import { seedHistory } from '../../tools/bench/statistics-seed';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { SettableClock } from '../support/booking';
import { startSmtp, TestSmtp } from '../support/notify';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Issue 21 item 6 as a supervisor uses it: on the reports page, the report on screen is subscribed to by
 * e-mail (weekly), listed with its next send, received by a real SMTP server at 07:00 on Monday with the CSV
 * of last week attached (equal to the JSON of the same filter), shown as sent, and ended with "Stop".
 */
describe('the reports page: a report by e-mail', () => {
  // Wednesday 25 November 2026, 11:00 in Copenhagen.
  const clock = new SettableClock(new Date('2026-11-25T10:00:00Z'));
  let sys: TestSystem;
  let smtp: TestSmtp;
  let browser: Browser;
  let site: SiteFixture;

  beforeAll(async () => {
    smtp = await startSmtp();
    sys = await startSystem({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Borgerservice <borgerservice@kommune.dk>' } });
    site = await seedSite(sys, { services: 2 });
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    try {
      const history = { siteId: site.siteId, serviceIds: site.services.map((s) => s.id), timezone: 'Europe/Copenhagen' };
      await seedHistory(db, history, '2026-11-16', '2026-11-24', 12);
    } finally {
      await db.end();
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
    await smtp?.close();
  });

  it('subscribes to the report on screen, receives it on Monday at 07:00 and stops it', async () => {
    const page = await staffPage(browser, sys, site.tokens.supervisor, `/reports?lang=da&report=volume&sites=${site.siteId}`, {
      width: 1366,
      height: 900,
    });
    await showingPageOnFailure(page, async () => {
      const section = page.locator('[data-testid="report-by-email"]');
      await section.waitFor();
      expect(await section.locator('h2').textContent()).toBe('Rapporten på e-mail');
      await section.locator('[data-testid="email-frequency"]').selectOption('weekly');
      await section.locator('[data-testid="email-address"]').fill('leder@kommune.dk');
      await section.locator('[data-testid="email-subscribe"]').click();
      // Monday 30 November, 07:00 in Copenhagen, written the page's way.
      await page.waitForFunction(() => /leder@kommune\.dk/.test(document.querySelector('[data-testid="email-status"]')?.textContent ?? ''));
      const status = await section.locator('[data-testid="email-status"]').textContent();
      expect(status).toMatch(/30\. nov\. 2026.*07\.00/);
      const row = section.locator('[data-testid="email-subscriptions"] tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.locator('th').textContent()).toBe('Besøg og serviceniveau');
      await expectAccessible(page, '[data-testid="report-by-email"]');
      await screenshot(page, 'reports-by-email');

      clock.set('2026-11-30T05:59:00Z');
      expect(await sys.apps[0].get(ScheduledReports).sendDue()).toEqual({ sent: 0, skipped: 0, failed: 0 });
      clock.set('2026-11-30T06:00:20Z');
      expect((await sys.apps[0].get(ScheduledReports).sendDue()).sent).toBe(1);
      const mail = smtp.received.at(-1)!.mail;
      expect(mail.subject).toBe('Skranke: Besøg og serviceniveau, 2026-11-23–2026-11-29');
      const csv = mail.attachments.find((a) => a.filename?.endsWith('.csv'))!;
      const lines: string[][] = parse(csv.content.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true });
      const header = lines.find((l) => l[0] === 'Periode' && l[1] === 'Sted')!;
      const totals = lines.find((l) => l[0] === 'I alt')!;
      const json = await sys.triage
        .as(site.tokens.supervisor)
        .get(`/reports/volume?siteIds=${site.siteId}&from=2026-11-23&to=2026-11-29&interval=day`);
      expectStatus(json, 200);
      expect(Number(totals[header.indexOf('Ankomne')])).toBe(json.body.totals.arrived);
      expect(json.body.totals.arrived).toBe(24); // two seeded days of the week, 12 a day

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await row.locator('td').nth(4).textContent()).toMatch(/^Sendt /);
      await row.locator('button').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="email-status"]')?.textContent === 'Rapporten sendes ikke mere.',
      );
      expect(await row.count()).toBe(0);
      expect((await sys.triage.as(site.tokens.supervisor).get('/report-subscriptions')).body).toEqual([]);
    });
  });

  it('does not offer the visits export by e-mail, only as a file', async () => {
    const page = await staffPage(browser, sys, site.tokens.supervisor, `/reports?lang=en&report=visits&sites=${site.siteId}`);
    await showingPageOnFailure(page, async () => {
      await page.waitForSelector('[data-testid="file-only"]');
      expect(await page.locator('[data-testid="report-by-email"]').count()).toBe(0);
    });
  });
});
