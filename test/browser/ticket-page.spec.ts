import { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
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

  it('"Jeg går igen" asks first: No keeps the ticket waiting, Yes cancels it', async () => {
    const [t] = await issueTickets(sys, f, f.services[1].id, 1);
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    await page.route('**/app-config.json', (r) => r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }));
    await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/t/${t.trackingToken}`);
    await page.waitForSelector('[data-status="waiting"]', { timeout: 10_000 });
    expect(await page.textContent('.keep-open')).toBe('Hold siden åben – vi kalder dig her.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'ticket-page-waiting-360');

    await page.click('button.leave');
    await page.waitForSelector('dialog.confirm[open]', { timeout: 5_000 });
    expect(await page.textContent('dialog.confirm h2')).toBe('Vil du forlade køen?');
    // The safe answer has the focus, so a stray tap or Enter keeps the place.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('no');
    await expectAccessible(page, 'ticket page leave dialog');
    await screenshot(page, 'ticket-page-leave-dialog-360');
    await page.click('dialog.confirm button.no');
    expect(await page.$('dialog.confirm[open]')).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect((await sys.ticketing.get(`/tickets/track/${t.trackingToken}`)).body.status).toBe('waiting');
    expect(await page.$('[data-status="waiting"]')).not.toBeNull();

    // Escape is No too.
    await page.click('button.leave');
    await page.waitForSelector('dialog.confirm[open]', { timeout: 5_000 });
    await page.keyboard.press('Escape');
    expect(await page.$('dialog.confirm[open]')).toBeNull();
    expect((await sys.ticketing.get(`/tickets/track/${t.trackingToken}`)).body.status).toBe('waiting');

    await page.click('button.leave');
    await page.click('dialog.confirm button.yes');
    await page.waitForSelector('[data-status="cancelled"]', { timeout: 10_000 });
    expect(await page.textContent('p.left')).toBe('Dit nummer er annulleret. Tak fordi du sagde til.');
    expect((await sys.ticketing.get(`/tickets/track/${t.trackingToken}`)).body.status).toBe('cancelled');
    await page.close();
  });

  it('shows the wait in the shared format, the same figure the server gives', async () => {
    await openCounter(sys, f, f.counters[0].id).catch(() => undefined); // open already after the first test
    const [t] = await issueTickets(sys, f, f.services[2].id, 1);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.route('**/app-config.json', (r) => r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }));
    // The answers the page itself got (once on load, once when its live channel connects): it shows the last.
    const answers: Promise<{ estimatedWait: { minutes: number; low: number; high: number } }>[] = [];
    page.on('response', (r) => r.url().endsWith(`/tickets/track/${t.trackingToken}`) && answers.push(r.json()));
    await page.goto(`${sys.ticketing.baseUrl.replace(/\/api\/v1$/, '')}/t/${t.trackingToken}`);
    await page.waitForSelector('[data-status="waiting"] .wait', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1500));
    const est = (await answers[answers.length - 1]).estimatedWait;
    // To the second from the API (issue 23); the page rounds: point to the nearest minute, range outwards.
    const about = est.high <= 1 ? 'om lidt' : `ca. ${Math.max(1, Math.round(est.minutes))} min`;
    const [low, high] = [Math.floor(est.low), Math.ceil(est.high)];
    const range = est.high > 1 && high - low >= 2 ? ` (${low}–${high} min)` : '';
    expect(await page.textContent('.wait')).toBe(`Forventet ventetid: ${about}${range}`);
    await screenshot(page, 'ticket-page-waiting-390');
    await page.close();
  });
});
