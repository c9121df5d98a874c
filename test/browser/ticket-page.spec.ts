import { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('citizen ticket page', () => {
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

  it('moves from "3 ahead" to "your turn: go to Skranke 1" as the counter calls, without reload', async () => {
    await issueTickets(sys, f, f.services[0].id, 3);
    const [mine] = await issueTickets(sys, f, f.services[0].id, 1);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The test's hub listens on a random port; tell the page where it is, as COUNTER_DISPLAY_URL would.
    await page.route('**/app-config.json', (r) => r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }));
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/t/${mine.trackingToken}`);
    await page.waitForSelector('[data-status="waiting"][data-ahead="3"]', { timeout: 10_000 });
    expect(await page.textContent('.ahead')).toBe('3 foran dig');
    await screenshot(page, 'ticket-page-waiting');
    await openCounter(sys, f, f.counters[0].id);
    const staff = sys.counterDisplay[0].as(f.tokens.counter);
    for (let ahead = 2; ahead >= 0; ahead--) {
      const called = await staff.post(`/counters/${f.counters[0].id}/call-next`);
      expectStatus(called, 200);
      expectStatus(await staff.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
      await page.waitForSelector(`[data-status="waiting"][data-ahead="${ahead}"]`, { timeout: 10_000 });
    }
    expectStatus(await staff.post(`/counters/${f.counters[0].id}/call-next`), 200);
    await page.waitForSelector('[data-status="called"]', { timeout: 10_000 });
    expect(await page.textContent('[data-status="called"]')).toBe('Det er din tur: gå til Skranke 1');
    expect(loads).toBe(1);
    expect(await page.textContent('body')).not.toMatch(/P00[1-3]/);
    await screenshot(page, 'ticket-page-your-turn');
    await page.close();
  });

  it('"I\'m leaving" cancels the ticket', async () => {
    const [t] = await issueTickets(sys, f, f.services[1].id, 1);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.route('**/app-config.json', (r) => r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }));
    await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/t/${t.trackingToken}`);
    await page.click('button.leave');
    await page.waitForSelector('[data-status="cancelled"]', { timeout: 10_000 });
    expect((await sys.ticketing.get(`/tickets/track/${t.trackingToken}`)).body.status).toBe('cancelled');
    await page.close();
  });
});
