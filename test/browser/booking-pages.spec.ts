import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { dateIn, firstFreeTime, makeBookable, tabTo } from '../support/booking';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { LANGS, Lang, describeLeaks, languageFiles, languageLeaks, pageTexts } from '../support/page-texts';
import { TestSystem, startSystem } from '../support/system';

/**
 * Issue 19, items 3 and 4: the citizen books a time at /book/<slug> and sees,
 * moves and cancels it at /appointment/<manageToken>, by keyboard alone, in
 * Danish, English and German, on a 360 px phone and a desktop. At every step
 * axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls sideways, the
 * page speaks one language, and focus is on the step's heading.
 */
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const ZONE = 'Europe/Copenhagen';
const NAMES: Record<Lang, string>[] = [
  { da: 'Pas og kørekort', en: 'Passports and driving licences', de: 'Pässe und Führerscheine' },
  { da: 'Sundhedskort', en: 'Health insurance card', de: 'Gesundheitskarte' },
];
const SITE_NAME = 'Borgerservice Sølund';
const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE' };

/**
 * The full name of a time's button: the language's full date and short time at the
 * site (as the browser's Intl writes them), e.g. "fredag den 11. december 2026 kl. 09.30".
 */
const FULL_LABEL: Record<Lang, RegExp> = {
  da: /^\p{L}+ den \d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}$/u,
  en: /^\p{L}+,? \d{1,2} \p{L}+ \d{4} at \d{2}:\d{2}$/u,
  de: /^\p{L}+, \d{1,2}\. \p{L}+ \d{4} um \d{2}:\d{2}$/u,
};

describe('booking and manage pages', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  const files = languageFiles();
  const data = {
    da: [SITE_NAME, ...NAMES.map((n) => n.da)],
    en: [SITE_NAME, ...NAMES.map((n) => n.en)],
    de: [SITE_NAME, ...NAMES.map((n) => n.de)],
  };
  const origin = () => sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');

  beforeAll(async () => {
    // SMS and e-mail configured (no worker sends here), so the page offers both reminders.
    sys = await startSystem({ env: { SMS_PROVIDER: 'gatewayapi', SMS_API_TOKEN: 'test-token-test-token', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'borgerservice@example.dk' } });
    f = await seedSite(sys, { services: 2, counters: 2 });
    const admin = sys.triage.as(f.tokens.admin);
    expectStatus(await admin.patch(`/sites/${f.siteId}`, { name: SITE_NAME }), 200);
    for (const [i, names] of NAMES.entries())
      expectStatus(await admin.patch(`/sites/${f.siteId}/services/${f.services[i].id}`, { names }), 200);
    // Open around the clock, so the test finds times whenever it runs; the second service has no notice, for the cut-off case.
    // The first free time is an hour ahead; its cutoff must be shorter, or late in the evening (the next free time just after midnight) it could not be moved or cancelled.
    await makeBookable(sys, f, f.services[0].id, { opens: '00:00', closes: '24:00', minNoticeMinutes: 60, cancelCutoffMinutes: 30 });
    await makeBookable(sys, f, f.services[1].id, { opens: '00:00', closes: '24:00', minNoticeMinutes: 0, cancelCutoffMinutes: 120 });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  /** One step as a person finds it: accessible, no sideways scroll, one language, focus on the heading (after the first), a screenshot. */
  async function checkStep(page: Page, lang: Lang, shot: string, opts: { focusHeading?: boolean } = {}): Promise<void> {
    await page.waitForTimeout(150); // let focus and the live region settle
    await expectAccessible(page, shot);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ shot, overflowPx: Math.max(0, overflow) }).toEqual({ shot, overflowPx: 0 });
    expect(describeLeaks(shot, languageLeaks(await pageTexts(page), lang, files, data))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    if (opts.focusHeading !== false)
      expect(await page.evaluate(() => document.activeElement?.matches('h1.step-heading') ?? false)).toBe(true);
    await screenshot(page, shot);
  }

  describe.each(LANGS)('in %s', (lang) => {
    it.each([
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const)(
      'books by keyboard, opens the manage link, moves and cancels (%s)',
      async (device, viewport) => {
        const page = await browser.newPage({ viewport });
        const name = (step: string) => `booking-${lang}-${device}-${viewport.width}-${step}`;
        // A number of its own per run: a contact may hold only a few active bookings.
        const phone = `+45 2${LANGS.indexOf(lang)} ${device === 'phone' ? 11 : 22} 33 44`;
        try {
          await showingPageOnFailure(page, async () => {
            await page.goto(`${origin()}/book/${f.slug}?lang=${lang}`);
            await page.waitForSelector('[data-step="service"]');
            await checkStep(page, lang, name('1-service'), { focusHeading: false });
            expect(await page.locator('.service-button').count()).toBe(2);

            await tabTo(page, `.service-button[data-service-id="${f.services[0].id}"]`);
            await page.keyboard.press('Enter');
            await page.waitForSelector('.day-button');
            await checkStep(page, lang, name('2-day'));

            // A day after today, so the service's cut-off (2 hours before) cannot pass while the test moves and cancels.
            const later = `.day-button:not([data-date="${dateIn(ZONE)}"])`;
            await tabTo(page, later);
            const date = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.date!);
            await page.keyboard.press('Enter');
            await page.waitForSelector('.slot-button');
            await checkStep(page, lang, name('3-time'));
            // Every time is a real button named with the whole date and time at the site, as the language writes it.
            const slots = await page.$$eval(
              '.slot-button',
              (bs, { locale, zone }) =>
                bs.map((b) => {
                  const at = b.getAttribute('data-starts-at')!;
                  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(
                    new Date(at),
                  );
                  return { at, label: b.getAttribute('aria-label')!, full, tag: b.tagName };
                }),
              { locale: LOCALE[lang], zone: ZONE },
            );
            expect(slots.length).toBeGreaterThan(0);
            for (const s of slots) {
              expect(s).toEqual({ at: s.at, label: s.full, full: s.full, tag: 'BUTTON' });
              expect(s.label).toMatch(FULL_LABEL[lang]);
              expect(s.at.slice(0, 10)).toBe(date);
            }

            // The second free time, so the move below can go to the first.
            const chosen = slots[Math.min(1, slots.length - 1)].at;
            await tabTo(page, `.slot-button[data-starts-at="${chosen}"]`);
            await page.keyboard.press('Enter');
            await page.waitForSelector('[data-step="contact"]');
            await checkStep(page, lang, name('4-contact'));

            // A reminder by SMS: a wrong number is refused at the field and in the error summary, which takes focus.
            await tabTo(page, '#reminder-none');
            await page.keyboard.press('ArrowDown');
            await page.waitForSelector('#contact-phone');
            await tabTo(page, '#contact-phone');
            await page.keyboard.type('1234 5678');
            await tabTo(page, '.book-button');
            await page.keyboard.press('Enter');
            await page.waitForSelector('.form-error-message');
            // The page moves focus to the summary once it has rendered it (on a busy machine a moment after the message shows).
            await page.waitForFunction(() => document.activeElement?.getAttribute('data-module') === 'error-summary', undefined, { timeout: 5000 }).catch(() => undefined);
            expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('error-summary');
            expect(await page.getAttribute('#contact-phone', 'aria-invalid')).toBe('true');
            await checkStep(page, lang, name('5-contact-error'), { focusHeading: false });

            await tabTo(page, '#contact-phone');
            await page.keyboard.press('ControlOrMeta+A');
            await page.keyboard.type(phone);
            await tabTo(page, '.book-button');
            await page.keyboard.press('Enter');
            await page.waitForSelector('[data-booking-code]');
            await checkStep(page, lang, name('6-done'));
            const code = (await page.textContent('[data-booking-code]'))!.trim();
            expect(code).toMatch(/^[A-Z0-9-]{4,}$/);
            const manageHref = (await page.getAttribute('.manage-link', 'href'))!;
            const token = decodeURIComponent(manageHref.split('/')[2].split('?')[0]);
            expect(manageHref).toBe(`/appointment/${encodeURIComponent(token)}?lang=${lang}`);
            // The calendar file is there and is an iCalendar file for this time.
            const ics = await fetch(origin() + (await page.getAttribute('.calendar-link', 'href'))!);
            expect(ics.status).toBe(200);
            expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
            expect(await ics.text()).toContain('BEGIN:VCALENDAR');

            // The manage link: the same booking, its code and time.
            await tabTo(page, '.manage-link');
            await Promise.all([page.waitForURL(/\/appointment\//), page.keyboard.press('Enter')]);
            await page.waitForSelector('[data-step="view"]');
            await checkStep(page, lang, name('7-manage'), { focusHeading: false });
            expect((await page.textContent('[data-booking-code]'))!.trim()).toBe(code);
            expect(await page.getAttribute('[data-starts-at]', 'data-starts-at')).toBe(chosen);
            expect(await page.getAttribute('[data-status]:not(p)', 'data-status')).toBe('booked');

            // Move to another free time: the code stays.
            await tabTo(page, '.move-button');
            await page.keyboard.press('Enter');
            await page.waitForSelector('.day-button');
            await checkStep(page, lang, name('8-move-day'));
            await tabTo(page, later);
            await page.keyboard.press('Enter');
            await page.waitForSelector('.slot-button');
            await checkStep(page, lang, name('9-move-time'));
            await tabTo(page, `.slot-button:not([data-starts-at="${chosen}"])`);
            const moveTo = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.startsAt!);
            await page.keyboard.press('Enter');
            await page.waitForSelector('[data-step="confirm-move"]');
            await checkStep(page, lang, name('10-move-confirm'));
            await tabTo(page, '.confirm-move');
            await page.keyboard.press('Enter');
            await page.waitForSelector('.alert-success');
            await checkStep(page, lang, name('11-moved'));
            expect(await page.getAttribute('[data-starts-at]', 'data-starts-at')).toBe(moveTo);
            expect((await page.textContent('[data-booking-code]'))!.trim()).toBe(code);

            // Cancel, after a question.
            await tabTo(page, '.cancel-button');
            await page.keyboard.press('Enter');
            await page.waitForSelector('[data-step="confirm-cancel"]');
            await checkStep(page, lang, name('12-cancel-confirm'));
            await tabTo(page, '.confirm-cancel');
            await page.keyboard.press('Enter');
            await page.waitForSelector('span[data-status="cancelled"]');
            await checkStep(page, lang, name('13-cancelled'));
            expect(await page.locator('.move-button, .cancel-button').count()).toBe(0);

            const after = await sys.ticketing.get(`/public/appointments/${encodeURIComponent(token)}`);
            expectStatus(after, 200);
            expect(after.body).toMatchObject({ bookingCode: code, status: 'cancelled', startsAt: moveTo, changeable: false });
          });
        } finally {
          await page.close();
        }
      },
      120_000,
    );
  });

  it('a time taken meanwhile: says so, and shows the times again without it', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    try {
      await page.goto(`${origin()}/book/${f.slug}?lang=da`);
      await page.click(`.service-button[data-service-id="${f.services[0].id}"]`);
      await page.click('.day-button');
      const at = (await page.getAttribute('.slot-button', 'data-starts-at'))!;
      await page.click('.slot-button');
      await page.waitForSelector('[data-step="contact"]');
      // Someone else takes every place at that time first.
      for (let i = 0; i < 50; i++) {
        const res = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.services[0].id, startsAt: at });
        if (res.status === 409) break;
        expectStatus(res, 201);
      }
      // On failure, say what the page showed (this step once timed out in CI under load and could not be read back).
      await showingPageOnFailure(page, async () => {
        await page.click('.book-button');
        await page.waitForSelector('[data-step="time"], [data-step="day"]', { timeout: 60_000 });
      });
      expect(await page.textContent('[role="alert"]')).toBe(files.files['apps/ticketing/web/src/i18n/da.json']['booking.slotTaken']);
      expect(await page.locator(`.slot-button[data-starts-at="${at}"]`).count()).toBe(0);
      await expectAccessible(page, 'slot taken');
      await screenshot(page, 'booking-da-slot-taken');
    } finally {
      await page.close();
    }
  });

  it('a double tap on "Bestil tiden" books once (one Idempotency-Key per attempt)', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/public/sites/${f.slug}/appointments`)) posts.push(r.headers()['idempotency-key']);
    });
    try {
      await page.goto(`${origin()}/book/${f.slug}?lang=da`);
      await page.click(`.service-button[data-service-id="${f.services[0].id}"]`);
      await page.click('.day-button');
      await page.click('.slot-button');
      await page.waitForSelector('[data-step="contact"]');
      await page.dblclick('.book-button');
      await page.waitForSelector('[data-booking-code]');
      await page.waitForTimeout(500);
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(posts[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(posts).size).toBe(1);
      const code = (await page.textContent('[data-booking-code]'))!.trim();
      const date = (await page.getAttribute('.manage-link', 'href'))!;
      expect(date).toMatch(/^\/appointment\//);
      const staff = sys.ticketing.as(f.tokens.supervisor);
      const days = new Set<string>();
      for (let d = 0; d < 3; d++) days.add(dateIn(ZONE, d));
      let mine = 0;
      for (const day of days) {
        const list = await staff.get(`/sites/${f.siteId}/appointments?date=${day}`);
        expectStatus(list, 200);
        mine += (list.body as { bookingCode: string }[]).filter((b) => b.bookingCode === code).length;
      }
      expect(mine).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('after the cut-off the manage page says to call, with no move or cancel', async () => {
    const first = await firstFreeTime(sys, f, f.services[1].id, dateIn(ZONE), dateIn(ZONE, 1));
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.services[1].id,
      startsAt: first.startsAt,
      language: 'en',
    });
    expectStatus(booked, 201);
    const page = await browser.newPage({ viewport: PHONE });
    try {
      // No ?lang=: the booking's own language.
      await page.goto(`${origin()}/appointment/${encodeURIComponent(booked.body.manageToken)}`);
      await page.waitForSelector('[data-step="view"]');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.textContent('.alert-warning')).toBe(files.files['apps/ticketing/web/src/i18n/en.json']['manage.tooLate']);
      expect(await page.locator('.move-button, .cancel-button').count()).toBe(0);
      await checkStep(page, 'en', 'booking-en-phone-too-late', { focusHeading: false });
    } finally {
      await page.close();
    }
  });

  it("back buttons go one step back by keyboard, with focus on that step's heading", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    // The page moves focus after it renders the step: wait for it (a busy machine renders slowly), then read where it is.
    const heading = async () => {
      await page.waitForFunction(() => document.activeElement?.matches('h1.step-heading'), undefined, { timeout: 5000 }).catch(() => undefined);
      return page.evaluate(() => (document.activeElement?.matches('h1.step-heading') ? document.activeElement.getAttribute('data-step') : null));
    };
    try {
      await page.goto(`${origin()}/book/${f.slug}?lang=da`);
      await page.waitForSelector('[data-step="service"]');
      await tabTo(page, '.service-button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.day-button');
      await tabTo(page, '.day-button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.slot-button');
      expect(await heading()).toBe('time');
      await tabTo(page, '.booking-back');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-step="day"]');
      expect(await heading()).toBe('day');
      await tabTo(page, '.booking-back');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-step="service"]');
      expect(await heading()).toBe('service');
    } finally {
      await page.close();
    }
  });

  it('an e-mail address holding a CPR number is refused by the server and shown at the field', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${origin()}/book/${f.slug}?lang=en`);
      await page.click(`.service-button[data-service-id="${f.services[0].id}"]`);
      await page.click('.day-button');
      await page.click('.slot-button');
      await page.check('#reminder-email');
      await page.fill('#contact-email', '0101901234@example.dk');
      await page.click('.book-button');
      await page.waitForSelector('.form-error-message');
      const shared = files.files['libs/web/src/i18n/en.json']['error.cpr_not_allowed'];
      expect(shared).toBeTruthy();
      expect((await page.textContent('.form-error-message'))!.trim()).toBe(shared);
      expect(await page.getAttribute('#contact-email', 'aria-invalid')).toBe('true');
      await expectAccessible(page, 'cpr refused');
      expect(await page.locator('[data-booking-code]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('moving to a time taken meanwhile: says so on the manage page and shows the times again', async () => {
    const first = await firstFreeTime(sys, f, f.services[0].id, dateIn(ZONE, 2), dateIn(ZONE, 3));
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, {
      serviceId: f.services[0].id,
      startsAt: first.startsAt,
      language: 'da',
    });
    expectStatus(booked, 201);
    const page = await browser.newPage({ viewport: DESKTOP });
    try {
      await page.goto(`${origin()}/appointment/${encodeURIComponent(booked.body.manageToken)}`);
      await page.click('.move-button');
      await page.click(`.day-button[data-date="${dateIn(ZONE, 2)}"]`);
      const at = (await page.getAttribute(`.slot-button:not([data-starts-at="${first.startsAt}"])`, 'data-starts-at'))!;
      await page.click(`.slot-button[data-starts-at="${at}"]`);
      await page.waitForSelector('[data-step="confirm-move"]');
      for (let i = 0; i < 50; i++) {
        const res = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.services[0].id, startsAt: at });
        if (res.status === 409) break;
        expectStatus(res, 201);
      }
      await page.click('.confirm-move');
      await page.waitForSelector('[data-step="time"], [data-step="day"]');
      expect(await page.textContent('[role="alert"]')).toBe(files.files['apps/ticketing/web/src/i18n/da.json']['booking.slotTaken']);
      expect(await page.locator(`.slot-button[data-starts-at="${at}"]`).count()).toBe(0);
      const still = await sys.ticketing.get(`/public/appointments/${encodeURIComponent(booked.body.manageToken)}`);
      expect(still.body).toMatchObject({ startsAt: first.startsAt, status: 'booked' });
    } finally {
      await page.close();
    }
  });

  it('a site without bookable services says to call or come by', async () => {
    const other = await seedSite(sys, { services: 1, counters: 1 });
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${origin()}/book/${other.slug}?lang=da`);
      await page.waitForSelector('.alert-info');
      expect((await page.textContent('.alert-info'))!.trim()).toBe(files.files['apps/ticketing/web/src/i18n/da.json']['book.noServices']);
      expect(await page.locator('.service-button').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('an unknown manage link or site says so in the page language', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${origin()}/appointment/not-a-token?lang=de`);
      await page.waitForSelector('[role="alert"]');
      expect(await page.textContent('[role="alert"]')).toBe(files.files['apps/ticketing/web/src/i18n/de.json']['manage.notFound']);
      await page.goto(`${origin()}/book/no-such-site?lang=en`);
      await page.waitForSelector('[role="alert"]');
      expect(await page.textContent('[role="alert"]')).toBe(files.files['apps/ticketing/web/src/i18n/en.json']['book.notFound']);
      await expectAccessible(page, 'unknown site');
    } finally {
      await page.close();
    }
  });
});

describe('booking page under the public rate limit', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  beforeAll(async () => {
    // Two public requests a minute per client: the page's first two (the site, the free days) pass, booking is refused.
    sys = await startSystem({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '2' } });
    f = await seedSite(sys, { services: 2, counters: 1 });
    await makeBookable(sys, f, f.services[0].id, { opens: '00:00', closes: '24:00' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('a 429 is said in the page language with the seconds to wait, and nothing is booked', async () => {
    // The limit counts per clock minute: start early in one, so the page's three requests fall in it.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/book/${f.slug}?lang=de`);
      await page.click(`.service-button[data-service-id="${f.services[0].id}"]`);
      await page.click('.day-button');
      await page.click('.slot-button');
      await page.click('.book-button');
      await page.waitForSelector('.alert-error');
      const text = (await page.textContent('.alert-error'))!.trim();
      expect(text).toMatch(/^Gerade buchen viele einen Termin\. Versuchen Sie es in \d+ Sekunden noch einmal\.$/);
      expect(await page.locator('[data-booking-code]').count()).toBe(0);
      await expectAccessible(page, 'rate limited');
    } finally {
      await page.close();
    }
  });
});

/**
 * Issue 20: the page offers a reminder only on the channels the operator configured and the site has on
 * (`contactChannels` of the booking info, as the ticket page's `notifyChannels`); with none, it asks for no contact.
 */
describe('booking page: the reminder channels offered', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  const origin = () => sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');
  beforeAll(async () => {
    sys = await startSystem({ env: { SMS_PROVIDER: 'gatewayapi', SMS_API_TOKEN: 'test-token-test-token' } });
    f = await seedSite(sys, { services: 1, counters: 1 });
    await makeBookable(sys, f, f.services[0].id, { opens: '00:00', closes: '24:00', minNoticeMinutes: 0 });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function toContactStep(page: Page, lang: Lang) {
    await page.goto(`${origin()}/book/${f.slug}?lang=${lang}`);
    await page.click(`.service-button[data-service-id="${f.services[0].id}"]`);
    await page.click('.day-button');
    await page.click('.slot-button');
    await page.waitForSelector('[data-step="contact"]');
  }

  it('only SMS configured (e-mail is not): offers no reminder or SMS, never e-mail', async () => {
    expect((await sys.ticketing.get(`/public/sites/${f.slug}/booking`)).body.contactChannels).toEqual(['sms']);
    const page = await browser.newPage({ viewport: PHONE });
    await showingPageOnFailure(page, async () => {
      await toContactStep(page, 'da');
      expect(await page.$$eval('input[name="reminder"]', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['none', 'phone']);
      await expectAccessible(page, 'booking contact step, SMS only');
      await screenshot(page, 'booking-da-sms-only');
    });
    await page.close();
  });

  it('no channel on: no reminder is asked for, the step only confirms, and the booking has no contact', async () => {
    // The site's admin turned SMS off too: now no channel is on.
    expectStatus(await sys.ticketing.as(f.tokens.admin).put(`/sites/${f.siteId}/notification-settings`, { channels: { sms: false } }), 200);
    expect((await sys.ticketing.get(`/public/sites/${f.slug}/booking`)).body.contactChannels).toEqual([]);
    const page = await browser.newPage({ viewport: PHONE });
    const bodies: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/public/sites/${f.slug}/appointments`)) bodies.push(r.postDataJSON());
    });
    await showingPageOnFailure(page, async () => {
      await toContactStep(page, 'en');
      expect(await page.textContent('h1.step-heading')).toBe('Confirm the booking');
      expect(await page.locator('input[name="reminder"], #contact-phone, #contact-email').count()).toBe(0);
      await expectAccessible(page, 'booking confirm step, no reminder channel');
      await screenshot(page, 'booking-en-no-reminder');
      await page.click('.book-button');
      await page.waitForSelector('[data-booking-code]');
    });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toHaveProperty('contact');
    await page.close();
  });
});
