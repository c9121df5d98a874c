import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot } from '../support/browser';
import { ALWAYS_OPEN, SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

// Wednesday 25 November 2026, 14:59 in Copenhagen: a site open 09-12 is closed.
const NOW = new Date('2026-11-25T13:59:00Z');
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const WAIT = { timeout: 20_000 };

/** axe-core against WCAG 2.1 A/AA on every screen a citizen sees: the kiosk and the ticket page. */
describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let open: SiteFixture;
  let closed: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem({ clock: { now: () => NOW } });
    open = await seedSite(sys, { services: 4, counters: 1, openingHours: ALWAYS_OPEN });
    // Two groups and one service on its own, so the kiosk has a second level.
    const admin = sys.triage.as(open.tokens.admin);
    const groups = ['Pas og kørekort', 'Pas og kørekort', 'Sundhed og sygesikring', null];
    for (const [i, groupName] of groups.entries()) {
      if (groupName) expectStatus(await admin.patch(`/sites/${open.siteId}/services/${open.services[i].id}`, { groupName }), 200);
    }
    closed = await seedSite(sys, { openingHours: { weekly: { wed: [{ opens: '09:00', closes: '12:00' }] } } });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const origin = () => sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');
  async function kiosk(f: SiteFixture, viewport: { width: number; height: number }, lang: string): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${origin()}/kiosk/${f.slug}#token=${f.tokens.kiosk}`);
    await page.waitForSelector('[data-screen="start"], [data-screen="closed"]', WAIT);
    if (lang !== 'da') {
      await page.click(`button[data-lang="${lang}"]`);
      await page.waitForSelector(`html[lang="${lang}"] [data-screen]`, WAIT);
    }
    return page;
  }

  it('the check itself fails on a screen with a violation, and names it', async () => {
    const page = await kiosk(open, PORTRAIT, 'da');
    await page.evaluate(() => {
      const grey = Object.assign(document.createElement('p'), { textContent: 'pale text' });
      grey.style.color = '#bbbbbb';
      document.querySelector('[data-screen="start"]')!.append(grey, document.createElement('input'));
    });
    const failure = await expectAccessible(page, 'planted').then(
      () => '',
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/^planted: 2 accessibility violation/);
    expect(failure).toMatch(/color-contrast \(serious\).*\n\s+at p\n[\s\S]*?contrast of 1\.91/);
    expect(failure).toMatch(/label \(critical\).*\n\s+at input\n/);
    await page.close();
  });

  describe.each([
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ])('kiosk in %s', (orientation, viewport) => {
    it.each(['da', 'en'])('start screen, service group, appointment form and ticket in %s', async (lang) => {
      const page = await kiosk(open, viewport, lang);
      const where = (screen: string) => `kiosk ${screen} (${orientation}, ${lang})`;
      await expectAccessible(page, where('start screen'));

      await page.click('button.choice:has-text("Pas og kørekort")');
      await page.waitForSelector('button.choice[data-service]', WAIT);
      await expectAccessible(page, where('service group'));

      await page.click('button.appointment-button');
      await page.waitForSelector('[data-screen="appointment"]', WAIT);
      await expectAccessible(page, where('appointment form'));
      await page.click('[data-screen="appointment"] button.secondary');

      await page.click('button.choice:has-text("Pas og kørekort")');
      await page.click('button.choice[data-service]');
      await page.waitForSelector('[data-screen="ticket"] img.qr', WAIT);
      await expectAccessible(page, where('ticket screen'));
      await page.close();
    });

    it.each(['da', 'en'])('closed screen in %s', async (lang) => {
      const page = await kiosk(closed, viewport, lang);
      await page.waitForSelector('[data-screen="closed"]', WAIT);
      await expectAccessible(page, `kiosk closed screen (${orientation}, ${lang})`);
      await page.close();
    });
  });

  describe("citizen's ticket page", () => {
    async function ticketPage(trackingToken: string): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.route('**/app-config.json', (r) =>
        r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }),
      );
      await page.goto(`${origin()}/t/${trackingToken}`);
      return page;
    }

    it.each(['da', 'en'])('waiting, in %s', async (language) => {
      const res = await sys.ticketing
        .as(open.tokens.kiosk)
        .post(`/sites/${open.siteId}/tickets`, { serviceId: open.services[3].id, language });
      expectStatus(res, 201);
      const page = await ticketPage(res.body.trackingToken);
      await page.waitForSelector(`html[lang="${language}"] [data-status="waiting"]`, WAIT);
      await expectAccessible(page, `ticket page waiting (${language})`);
      await page.close();
    });

    it('the survey after the visit, and its thanks', async () => {
      const [tk] = await issueTickets(sys, open, open.services[3].id, 1);
      await openCounter(sys, open, open.counters[0].id);
      const staff = sys.counterDisplay[0].as(open.tokens.counter);
      for (;;) {
        const called = await staff.post(`/counters/${open.counters[0].id}/call-next`);
        expectStatus(called, 200);
        expectStatus(await staff.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
        if (called.body.ticket.id === tk.id) break;
      }
      const page = await ticketPage(tk.trackingToken);
      await page.waitForSelector('[data-status="survey"]', WAIT);
      await expectAccessible(page, 'ticket page survey');
      await page.check('input[name="guidance"][value="very-good"]');
      await screenshot(page, 'ticket-page-survey'); // the answers as large chips, one picked
      await page.check('input[name="gotWhatCameFor"][value="true"]');
      await page.check('input[name="guidance"][value="good"]');
      await page.check('input[name="feltSeenAndHeard"][value="true"]');
      await page.click('form.survey button[type="submit"]');
      await page.waitForSelector('[data-status="survey-sent"]', WAIT);
      await expectAccessible(page, 'ticket page survey thanks');
      await page.close();
    });
  });
});
