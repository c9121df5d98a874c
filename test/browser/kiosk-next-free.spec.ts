import { AddressInfo, Server, createServer } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { SettableClock, seedBookableSite, type BookableSite } from '../support/booking';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { issueTickets, openCounter, setKioskPrinter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { describeLeaks, languageFiles, languageLeaks, pageTexts } from '../support/page-texts';

const WAIT = { timeout: 30_000 };
// Monday 22 March 2027, 10:00 in Copenhagen: the site is open 08–16, every counter planned 08–16.
const MONDAY_TEN = '2027-03-22T09:00:00Z';
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } };

/** What each language says on the time's button and over the code. */
const SAYS = {
  da: { service: 'Ydelse 0', today: /^Næste ledige tid i dag kl\. \d\d\.\d\d$/, tomorrow: /^Næste ledige tid i morgen kl\. 08\.\d\d$/, code: 'Din bookingkode' },
  en: { service: 'Service 0', today: /^Next free time today \d\d:\d\d$/, tomorrow: /^Next free time tomorrow 08:\d\d$/, code: 'Your booking code' },
  de: { service: 'Dienst 0', today: /^Nächster freier Termin heute um \d\d:\d\d$/, tomorrow: /^Nächster freier Termin morgen um 08:\d\d$/, code: 'Ihr Buchungscode' },
} as const;

/**
 * Issue 19, item 7: at the kiosk, a citizen who chooses a service with a long
 * walk-in wait (one counter open, 25 waiting, target 15 minutes) is offered the
 * next free booked time today and tomorrow beside "take a number", books it in
 * two taps and sees the code large; with a printer, the code is on the receipt.
 */
describe('kiosk: next free time today', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: BookableSite;
  const clock = new SettableClock(new Date(MONDAY_TEN));
  beforeAll(async () => {
    sys = await startSystem({ clock, runWorkers: true, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8' } });
    f = await seedBookableSite(sys, { counters: 3, minutes: 15, share: 0.5 });
    await openCounter(sys, f, f.counters[0].id);
    await issueTickets(sys, f, f.serviceId, 25);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const files = languageFiles();
  /** The site's own names (the same in every language) and the service's name in each. */
  const data = () => {
    const named = [`Borgerservice ${f.slug.split('-').pop()}`, ...f.counters.map((c) => c.name)];
    return { da: ['Ydelse 0', ...named], en: ['Service 0', ...named], de: ['Dienst 0', ...named] };
  };
  /** No text of another language, raw key or unfilled placeholder on the screen (the language test's check). */
  const expectOneLanguage = async (page: Page, lang: keyof typeof SAYS, where: string) =>
    expect(describeLeaks(where, languageLeaks(await pageTexts(page), lang, files, data()))).toEqual([]);

  const kioskBookings = async () =>
    ((await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=2027-03-22`)).body as { id: string; bookingCode: string; startsAt: string; bookedBy: string }[]).filter(
      (b) => b.bookedBy === 'kiosk',
    );

  /** Opens the kiosk in `lang`, taps the service, and waits for the offer. */
  async function openOffer(lang: keyof typeof SAYS, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, hasTouch: true });
    const page = await context.newPage();
    page.on('close', () => void context.close().catch(() => undefined));
    await showingPageOnFailure(page, async () => {
      await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/kiosk/${f.slug}#token=${f.tokens.kiosk}`);
      await page.waitForSelector('[data-screen="start"]', WAIT);
      if (lang !== 'da') {
        await page.click(`button[data-lang="${lang}"]`);
        await page.waitForSelector(`html[lang="${lang}"] [data-screen="start"]`, WAIT);
      }
      await page.click(`button.choice[data-service="${f.serviceId}"]`);
      await page.waitForSelector('[data-screen="next-free"]', WAIT);
    });
    return page;
  }

  describe.each(Object.keys(SAYS) as (keyof typeof SAYS)[])('in %s', (lang) => {
    it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])('at %s width: offered beside "take a number", booked in two taps, the code on screen', async (size) => {
      const page = await openOffer(lang, VIEWPORTS[size]);
      await showingPageOnFailure(page, async () => {
        const says = SAYS[lang];
        expect(await page.getAttribute('[data-screen="next-free"]', 'data-reason')).toBe('wait-over-target');
        expect(await page.isVisible('button.take-number')).toBe(true);
        const today = page.locator('button.free-time[data-day="today"]');
        const later = page.locator('button.free-time[data-day="later"]');
        expect((await today.textContent())?.trim()).toMatch(says.today);
        expect((await later.textContent())?.trim()).toMatch(says.tomorrow);
        await expectAccessible(page, `kiosk next free time offer (${lang}, ${size})`);
        await expectOneLanguage(page, lang, `offer (${lang})`);
        await screenshot(page, `kiosk-next-free-offer-${lang}-${size}`);

        const startsAt = (await today.getAttribute('data-starts-at'))!;
        expect(startsAt).toMatch(/^2027-03-22T1\d:\d\d:00\+01:00$/);
        const before = (await kioskBookings()).length;
        await today.click(); // tap 1: the time
        await page.waitForSelector('[data-screen="confirm-booking"]', WAIT);
        await expectAccessible(page, `kiosk confirm booking (${lang}, ${size})`);
        await expectOneLanguage(page, lang, `confirm (${lang})`);
        const booked = page.waitForResponse((r) => r.request().method() === 'POST' && /\/appointments\/book$/.test(r.url()), WAIT);
        await page.dblclick('button.confirm'); // tap 2: confirm (a double tap still books once)
        const body = await (await booked).json();
        await page.waitForSelector('[data-screen="booked"]', WAIT);
        expect(await page.textContent('[data-screen="booked"] h1')).toBe(says.code);
        expect(await page.textContent('.booking-code')).toBe(body.bookingCode);
        // Large: the code is at least three times the body text.
        const sizes = await page.evaluate(() => [parseFloat(getComputedStyle(document.querySelector('.booking-code')!).fontSize), parseFloat(getComputedStyle(document.body).fontSize)]);
        expect(sizes[0]).toBeGreaterThanOrEqual(3 * sizes[1]);
        await expectAccessible(page, `kiosk booking code (${lang}, ${size})`);
        await expectOneLanguage(page, lang, `booked (${lang})`);
        await screenshot(page, `kiosk-next-free-booked-${lang}-${size}`);

        const mine = (await kioskBookings()).filter((b) => b.startsAt === startsAt && b.bookingCode === body.bookingCode);
        expect(mine).toHaveLength(1);
        expect((await kioskBookings()).length).toBe(before + 1);
      });
      await page.close();
    }, 90_000);
  });

  it('prints the booking code on the receipt when the kiosk has a printer', async () => {
    const received: Buffer[] = [];
    const server: Server = createServer((socket) => socket.on('data', (d) => received.push(d)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await setKioskPrinter(sys, f, `127.0.0.1:${(server.address() as AddressInfo).port}`);
      const page = await openOffer('en', { width: 1080, height: 1920 });
      await showingPageOnFailure(page, async () => {
        await page.click('button.free-time[data-day="later"]');
        await page.waitForSelector('[data-screen="confirm-booking"]', WAIT);
        await page.click('button.confirm');
        await page.waitForSelector('[data-screen="booked"]', WAIT);
        const code = (await page.textContent('.booking-code'))!;
        expect(await page.textContent('.receipt')).toBe('Your receipt with the code is being printed.');
        const bytes = await until(async () => (Buffer.concat(received).includes(Buffer.from([0x1d, 0x56])) ? Buffer.concat(received) : null), 20);
        const text = bytes.toString('latin1');
        expect(text).toContain(code);
        expect(text).toContain('Your booking code');
        expect(text).toContain('Service 0');
        expect(text).toMatch(/Tuesday,? 23 March (at )?08:\d\d/);
        await screenshot(page, 'kiosk-next-free-booked-printed-portrait');
      });
      await page.close();
    } finally {
      server.close();
      await setKioskPrinter(sys, f, null as unknown as string);
    }
  }, 90_000);

  it('without a long wait the service issues a ticket at once, as before', async () => {
    const other = await seedBookableSite(sys, { counters: 2 });
    await openCounter(sys, other, other.counters[0].id);
    const ask = await sys.ticketing.as(other.tokens.kiosk).get(`/sites/${other.siteId}/appointments/next-free?serviceId=${other.serviceId}`);
    expectStatus(ask, 200);
    expect(ask.body.offer).toBe(false);
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await showingPageOnFailure(page, async () => {
      await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/kiosk/${other.slug}#token=${other.tokens.kiosk}`);
      await page.waitForSelector('[data-screen="start"]', WAIT);
      await page.click(`button.choice[data-service="${other.serviceId}"]`);
      await page.waitForSelector('[data-screen="ticket"]', WAIT);
    });
    await context.close();
  }, 60_000);
});
