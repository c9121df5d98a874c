import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const WAIT = { timeout: 10_000 };
/** A small SVG logo as a data URI, the inline form settings.branding.logo takes. */
const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#6a1b9a"/></svg>',
).toString('base64')}`;

/** The kiosk's booking-code keypad, the "no counter open" wait, and the site's branding (issue 18, item 6). */
describe('kiosk keypad, waits and branding', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys, { counters: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const origin = () => sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');
  async function kiosk(viewport = PORTRAIT): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${origin()}/kiosk/${f.slug}#token=${f.tokens.kiosk}`);
    await page.waitForSelector('[data-screen="start"]', WAIT);
    return page;
  }
  const press = async (page: Page, keys: string[]) => {
    for (const k of keys) await page.click(`[data-screen="appointment"] button[data-key="${k}"]`);
  };
  const book = async (code: string) => {
    const startsAt = new Date(Date.now() + 5 * 60_000).toISOString();
    expectStatus(await sys.ticketing.as(f.tokens.admin).post(`/sites/${f.siteId}/appointments`, { serviceId: f.services[2].id, startsAt, bookingCode: code }), 201);
  };

  it('checks in with a code typed on the on-screen keys: a wrong code is not found, corrected, then checked in', async () => {
    await book('KP42AB');
    const page = await kiosk();
    await page.click('button.appointment-button');
    await page.waitForSelector('[data-screen="appointment"] .keypad', WAIT);
    // No keyboard pops up over the keypad, and OK waits for a code.
    expect(await page.getAttribute('#booking-code', 'inputmode')).toBe('none');
    expect(await page.isDisabled('button[data-key="ok"]')).toBe(true);
    await press(page, ['K', 'P', '4', '2', 'A', 'X', 'X', 'backspace']);
    expect(await page.inputValue('#booking-code')).toBe('KP42AX');
    await screenshot(page, 'kiosk-keypad-portrait');
    await expectAccessible(page, 'kiosk keypad (portrait)');
    await page.click('button[data-key="ok"]');

    await page.waitForSelector('[data-screen="check-in-problem"][data-code="appointment_not_found"]', WAIT);
    expect(await page.textContent('[data-screen="check-in-problem"] h1')).toBe('Vi kan ikke finde en aftale med koden. Tjek koden, og prøv igen.');
    await expectAccessible(page, 'kiosk check-in not found');
    await page.click('button.retry');
    await page.waitForSelector('[data-screen="appointment"]', WAIT);
    expect(await page.inputValue('#booking-code')).toBe('KP42AX'); // kept for correction
    await press(page, ['backspace', 'B', 'ok']);

    await page.waitForSelector('[data-screen="ticket"]', WAIT);
    expect(await page.textContent('.number')).toMatch(/^M\d{3}$/);
    expect(await page.textContent('[data-screen="ticket"]')).toContain('Din tid: kl.');
    const appointments = (await sys.ticketing.as(f.tokens.admin).get(`/sites/${f.siteId}/appointments`)).body;
    expect(appointments.find((a: { bookingCode: string }) => a.bookingCode === 'KP42AB').status).toBe('checked-in');
    await page.close();
  });

  it('clears the code with one key, and lays the keypad out for a landscape screen too', async () => {
    const page = await kiosk(LANDSCAPE);
    await page.click('button.appointment-button');
    await press(page, ['Q', '7', 'clear']);
    expect(await page.inputValue('#booking-code')).toBe('');
    await press(page, ['A', 'B', '1']);
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    expect(overflow).toBeLessThanOrEqual(0); // keypad and OK on one landscape screen
    await screenshot(page, 'kiosk-keypad-landscape');
    await expectAccessible(page, 'kiosk keypad (landscape)');
    await page.close();
  });

  it('shows "n venter · ca. x min" on a service an open counter serves, and "no counter open" instead of a number on one none does', async () => {
    // The site's one counter serves only service 0 and is open; services 1 and 2 have no counter.
    expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/counters/${f.counters[0].id}`, { serviceIds: [f.services[0].id] }), 200);
    await openCounter(sys, f, f.counters[0].id);
    await issueTickets(sys, f, f.services[0].id, 2);
    await issueTickets(sys, f, f.services[1].id, 1);
    const page = await kiosk();
    const wait = (i: number) => page.textContent(`button[data-service="${f.services[i].id}"] .choice-wait`);
    expect(await wait(0)).toMatch(/^2 venter · (ca\. \d+ min|om lidt)$/);
    expect(await wait(1)).toBe('Ingen skranke er åben for denne ydelse lige nu');
    expect(await page.getAttribute(`button[data-service="${f.services[1].id}"]`, 'data-counter-open')).toBe('false');
    // The same figure as the public API at this moment: both come from the server.
    const info = (await sys.ticketing.get(`/kiosk/sites/${f.slug}`)).body;
    expect(info.services[1]).toMatchObject({ counterOpen: false, estimatedWait: null, waiting: 1 });
    expect(info.services[0].counterOpen).toBe(true);
    const e = info.services[0].estimatedWait;
    expect(await wait(0)).toContain(e.high <= 1 ? 'om lidt' : `ca. ${Math.max(1, Math.round(e.minutes))} min`);
    // The service buttons use the height of the portrait screen, not a strip at the top.
    const box = await page.$eval('.choices', (el) => el.getBoundingClientRect().toJSON());
    expect(box.bottom).toBeGreaterThan(1920 * 0.75);
    await screenshot(page, 'kiosk-start-waits-portrait');

    // A ticket for the service without a counter says so instead of a wait.
    await page.click(`button[data-service="${f.services[1].id}"]`);
    await page.waitForSelector('[data-screen="ticket"]', WAIT);
    expect(await page.textContent('.wait')).toBe('Ingen skranke er åben for denne ydelse lige nu. Du bliver kaldt, når en åbner.');
    await page.close();
  });

  it('takes its logo and colour from the site settings, and refuses a colour too light for white text or a logo from elsewhere', async () => {
    const admin = sys.triage.as(f.tokens.admin);
    const refused = async (branding: unknown) => {
      const res = await admin.patch(`/sites/${f.siteId}`, { settings: { branding } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_settings');
    };
    await refused({ primaryColor: 'purple' });
    await refused({ primaryColor: '#ffeb3b' }); // 1.2:1 against white
    await refused({ logo: 'http://example.org/logo.png' });
    await refused({ logo: 'data:text/html;base64,PHNjcmlwdD4=' });
    await refused({ colour: '#000000' });
    expectStatus(await admin.patch(`/sites/${f.siteId}`, { settings: { branding: { primaryColor: '#6A1B9A', logo: LOGO } } }), 200);

    for (const [viewport, name] of [
      [PORTRAIT, 'kiosk-branded-portrait'],
      [LANDSCAPE, 'kiosk-branded-landscape'],
    ] as const) {
      const page = await kiosk(viewport);
      expect(await page.$eval('button.choice', (b) => getComputedStyle(b).backgroundColor)).toBe('rgb(106, 27, 154)');
      await page.waitForFunction(() => (document.querySelector('img.logo') as HTMLImageElement | null)?.naturalWidth === 120, undefined, WAIT);
      await screenshot(page, name);
      await expectAccessible(page, `branded kiosk start (${name})`);
      await page.close();
    }
  });
});
