import { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Issue 19, item 1 (the administrator's side): on the configuration page a
 * service is made bookable with its rules and share, and the counter plan is
 * written per weekday and counter, with an exception by date; read back from the API.
 */
describe('configuration page: booking rules and the counter plan', () => {
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

  it.each([
    ['da', 'Gemt', { width: 1366, height: 900 }],
    ['en', 'Saved', { width: 360, height: 740 }],
  ])('in %s: a service made bookable, a counter plan with an exception, saved and read back', async (lang, saved, viewport) => {
    const site: SiteFixture = await seedSite(sys, { services: 2, counters: 2 });
    const page = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}?lang=${lang}`, viewport);
    const admin = sys.triage.as(site.tokens.admin);
    await showingPageOnFailure(page, async () => {
      await page.waitForSelector('[data-section="counter-plan"] table', { timeout: 10_000 });
      // The service's booking rules.
      const rules = page.locator('[data-booking="svc-0"]');
      await rules.locator('input[name="bookable"]').check();
      await rules.locator('input[name="apptMinutes"]').fill('20');
      await rules.locator('input[name="minNotice"]').fill('30');
      await rules.locator('input[name="maxDays"]').fill('45');
      await rules.locator('input[name="cutoff"]').fill('60');
      await rules.locator('input[name="share"]').fill(lang === 'da' ? '37,5' : '37.5');
      await page.click('[data-testid="save-services"]');
      await page.waitForSelector(`[data-testid="status-services"]:has-text("${saved}")`, { timeout: 15_000 });
      const services = (await admin.get(`/sites/${site.siteId}/services`)).body as { id: string; code: string }[];
      expect(services.find((s) => s.code === 'svc-0')).toMatchObject({ bookable: true, appointmentMinutes: 20, minNoticeMinutes: 30, maxDaysAhead: 45, cancelCutoffMinutes: 60, bookingShare: 0.375 });
      expect(services.find((s) => s.code === 'svc-1')).toMatchObject({ bookable: false, bookingShare: null });

      // The counter plan: counter 1 mornings and afternoons on Monday, counter 2 all day on Friday; closed on 2027-03-29.
      const [c1, c2] = site.counters;
      await page.fill(`[name="plan-mon-${c1.id}"]`, '08:00-12:00, 13:00-16:00');
      await page.fill(`[name="plan-fri-${c2.id}"]`, '09:00-15:30');
      await page.click('[data-testid="add-plan-exception"]');
      const exception = page.locator('[data-section="counter-plan"] li.row-card').last();
      await exception.locator('input[type="date"]').fill('2027-03-29');
      await exception.locator(`input[name$="-${c1.id}"]`).fill('10:00-12:00');
      await expectAccessible(page, `configuration page, counter plan (${lang})`, { include: '[data-section="counter-plan"]' });
      await expectAccessible(page, `configuration page, services with booking rules (${lang})`, { include: '[data-section="services"]' });
      await page.click('[data-testid="save-counter-plan"]');
      await page.waitForSelector(`[data-testid="status-counter-plan"]:has-text("${saved}")`, { timeout: 15_000 });
      const plan = (await admin.get(`/sites/${site.siteId}/counter-plan`)).body;
      expect(plan.weekly.mon).toEqual([
        { counterId: c1.id, opens: '08:00', closes: '12:00' },
        { counterId: c1.id, opens: '13:00', closes: '16:00' },
      ]);
      expect(plan.weekly.fri).toEqual([{ counterId: c2.id, opens: '09:00', closes: '15:30' }]);
      expect(plan.weekly.tue).toEqual([]);
      expect(plan.exceptions).toEqual([{ date: '2027-03-29', entries: [{ counterId: c1.id, opens: '10:00', closes: '12:00' }] }]);
      await page.locator('[data-section="counter-plan"]').scrollIntoViewIfNeeded();
      await screenshot(page, `admin-counter-plan-${lang}-${viewport.width}`);

      // A bad interval is said in the page's language at the field, and nothing is saved.
      await page.fill(`[name="plan-tue-${c1.id}"]`, '16:00-08:00');
      await page.click('[data-testid="save-counter-plan"]');
      await page.waitForSelector(`#plan-tue-${c1.id}-problem`, { timeout: 5_000 });
      expect((await admin.get(`/sites/${site.siteId}/counter-plan`)).body.weekly.tue).toEqual([]);
      await page.fill(`[name="plan-tue-${c1.id}"]`, '');
    });
    await page.close();
  });
});
