import { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { SettableClock, seedBookableSite, type BookableSite } from '../support/booking';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';
import { type Lang, describeLeaks, languageFiles, languageLeaks, pageTexts } from '../support/page-texts';

jest.setTimeout(90_000);
// Monday 22 March 2027, 10:00 in Copenhagen: the site is open 08–16, every counter planned 08–16.
const MONDAY_TEN = '2027-03-22T09:00:00Z';

/**
 * Issue 19, item 8: floor staff book a time on a citizen's behalf from the
 * tablet (service, day, time as buttons; an optional contact; the code large,
 * to read aloud), the day's bookings per service show it with its status, and
 * the supervisor's dashboard counts it.
 */
describe('staff booking on the floor tablet', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: BookableSite;
  const clock = new SettableClock(new Date(MONDAY_TEN));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    f = await seedBookableSite(sys, { counters: 2, minutes: 20, share: 0.5, minNoticeMinutes: 240 });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it.each([
    ['tablet', { width: 1024, height: 768 }, 'da'],
    ['phone', { width: 360, height: 740 }, 'en'],
  ])('books a time today for a citizen (%s, %s), shows the code and lists it', async (size, viewport, lang) => {
    const page = await staffPage(browser, sys, f.tokens.floor, `/floor/${f.slug}?lang=${lang}`, viewport);
    await showingPageOnFailure(page, async () => {
      const panel = page.locator('.staff-booking');
      await panel.locator(`button[data-service="${f.serviceId}"]`).click();
      // Staff have no minimum notice: today (the public page's 4 hours would leave 14:00 as the first) is offered from now on.
      const today = panel.locator('button[data-date="2027-03-22"]');
      await today.waitFor({ timeout: 10_000 });
      await today.click();
      const first = panel.locator('button[data-starts-at]').first();
      const startsAt = (await first.getAttribute('data-starts-at'))!;
      expect(Date.parse(startsAt) - Date.parse(MONDAY_TEN)).toBeLessThan(60 * 60_000);
      expect(await first.getAttribute('aria-label')).toMatch(lang === 'da' ? /^mandag 22\. marts kl\. \d\d\.\d\d$/ : /^Monday 22 March at \d\d:\d\d$/);
      await first.click();
      await page.fill('#booking-contact', '+45 12 34 56 78');
      await expectAccessible(page, `floor staff booking form (${size}, ${lang})`);
      const named = [`Borgerservice ${f.slug.split('-').pop()}`, ...f.counters.map((c) => c.name), 'Ydelse 0', 'Service 0', 'Dienst 0', 'Ydelse 1', 'Service 1', 'Dienst 1', 'Ydelse 2', 'Service 2', 'Dienst 2', 'floor user'];
      const data = { da: named, en: named, de: named };
      expect(describeLeaks(`floor (${lang})`, languageLeaks(await pageTexts(page), lang as Lang, languageFiles(), data))).toEqual([]);
      await screenshot(page, `floor-staff-booking-form-${size}-${lang}`);
      await panel.locator('button.book').click();
      const code = page.locator('[data-testid="booking-code"]');
      await code.waitFor({ timeout: 10_000 });
      const text = (await code.textContent())!;
      expect(text).toMatch(/^[A-Z2-9]{6}$/);
      const listed = page.locator(`.day-bookings li[data-code="${text}"]`);
      await listed.waitFor({ timeout: 10_000 });
      expect(await listed.getAttribute('data-status')).toBe('booked');
      expect(await listed.locator('.badge').textContent()).toBe(lang === 'da' ? 'Bestilt' : 'Booked');
      await expectAccessible(page, `floor booking code (${size}, ${lang})`);
      await screenshot(page, `floor-staff-booking-code-${size}-${lang}`);
      const list = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=2027-03-22`);
      expect(list.body).toContainEqual(expect.objectContaining({ bookingCode: text, startsAt, bookedBy: 'staff', hasContact: true, status: 'booked' }));
    });
    await page.close();
  });

  it('the dashboard counts the day’s bookings per service by status', async () => {
    const page = await staffPage(browser, sys, f.tokens.supervisor, `/dashboard/${f.slug}?lang=de`, { width: 1366, height: 900 });
    await showingPageOnFailure(page, async () => {
      const row = page.locator(`.booking-counts tr[data-service="${f.serviceId}"]`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('td[data-status="booked"]').textContent()).toBe('2');
      expect(await row.locator('td[data-status="no-show"]').textContent()).toBe('0');
      expect(await page.textContent('.booking-counts thead')).toContain('Eingecheckt');
      await expectAccessible(page, 'dashboard booking counts (de)', { include: '.booking-counts' });
      await screenshot(page, 'dashboard-booking-counts-de');
    });
    await page.close();
  });
});
