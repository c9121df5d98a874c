import { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Issue 20, item 3 (the administrator's side): on the configuration page the
 * messages to citizens are set (timing) and a Danish SMS text is changed,
 * saved on the ticketing app and read back from its API; a text too long for
 * an SMS is refused with the shared error text in the page's language.
 */
describe('configuration page: messages to citizens', () => {
  let sys: TestSystem;
  let browser: Browser;
  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('in da: a Danish SMS template and the timing saved and read back; a too-long SMS refused', async () => {
    const site: SiteFixture = await seedSite(sys, { services: 1, counters: 1 });
    const page = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}?lang=da`, { width: 1366, height: 900 });
    const admin = sys.ticketing.as(site.tokens.admin);
    await showingPageOnFailure(page, async () => {
      const section = page.locator('[data-section="notifications"]');
      await page.waitForSelector('[data-section="notifications"] #notify-template-sms', { timeout: 10_000 });
      // Only the channels the server offers are switches.
      const offered = (await admin.get(`/sites/${site.siteId}/notification-settings`)).body.configured as Record<string, boolean>;
      for (const c of ['email', 'sms', 'push']) expect(await section.locator(`input[name="channel-${c}"]`).count()).toBe(offered[c] ? 1 : 0);
      // The allow-list of the chosen kind is shown beside the fields.
      await page.selectOption('#notify-kind', 'booking-reminder');
      await page.selectOption('#notify-language', 'da');
      expect(await page.textContent('[data-testid="notify-placeholders"]')).toContain('{manageUrl}');
      const sms = 'Husk din tid hos {site}: {service} {time}. Kode {code}.';
      await page.fill('#notify-template-sms', sms);
      await page.fill('[name="notify-offsets"]', '2880, 60');
      await page.fill('[name="notify-turn-near"]', '15');
      await page.fill('[name="notify-sms-per-day"]', '3');
      await page.fill('[name="quietFrom"]', '21:00');
      await page.check('[name="survey"]');
      await expectAccessible(page, 'configuration page, messages to citizens (da)', { include: '[data-section="notifications"]' });
      await page.click('[data-testid="save-notifications"]');
      await page.waitForSelector('[data-testid="status-notifications"]:has-text("Gemt")', { timeout: 15_000 });
      const saved = (await admin.get(`/sites/${site.siteId}/notification-settings`)).body;
      expect(saved.templates).toEqual({ 'booking-reminder': { da: { sms } } });
      expect(saved).toMatchObject({ reminderOffsetsMinutes: [2880, 60], turnNearMinutes: 15, smsPerNumberPerDay: 3, survey: true, quietHours: { from: '21:00', to: '07:00' } });
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-notifications-da-1366');

      // Over 160 GSM-7 characters with the longest values: refused, said in Danish, nothing changed.
      await page.fill('#notify-template-sms', `${sms} ${'Husk at medbringe billedlegitimation og dokumenter. '.repeat(2)}`);
      await page.click('[data-testid="save-notifications"]');
      const error = page.locator('[data-testid="error-notifications"]');
      await error.waitFor({ timeout: 15_000 });
      expect(await error.textContent()).toContain('SMS-skabelonen er for lang');
      expect((await admin.get(`/sites/${site.siteId}/notification-settings`)).body.templates).toEqual({ 'booking-reminder': { da: { sms } } });
      await expectAccessible(page, 'configuration page, messages to citizens with a refusal (da)', { include: '[data-section="notifications"]' });
    });
    await page.close();
  });
});
