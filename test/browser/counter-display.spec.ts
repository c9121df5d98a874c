import { Browser } from 'playwright-core';
import { expectStatus } from '../support/http';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { openCounterPage, openDisplay, waitForLatest } from './counter-pages';

describe('counter page and display side by side', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;

  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
    f = await seedSite(sys);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('calls, recalls, finishes and calls next, and transfers, with the display following within a second', async () => {
    const [p1, p2] = await issueTickets(sys, f, f.services[0].id, 3);
    const display = await openDisplay(browser, sys, f);
    const counter = await openCounterPage(browser, sys, f, f.counters[0].id);
    await counter.click('[data-k=open]');
    await counter.waitForSelector('[data-state=open]');

    await counter.click('[data-k=call-1]');
    await waitForLatest(display, p1.number, 1000);
    await counter.waitForFunction((n) => document.querySelector('.ticket-number')?.textContent === n, p1.number, { timeout: 2000 });
    await screenshot(counter, 'counter-page');
    await display.waitForFunction((n) => window.__skrankeSpeech.spoken.filter((s) => s.includes(n)).length === 1, 'P 1', { timeout: 5000 });

    await counter.keyboard.press('r');
    await display.waitForFunction(() => window.__skrankeSpeech.spoken.filter((s) => s === 'Nummer P 1, Skranke 1').length === 2, null, { timeout: 10000 });
    await counter.waitForSelector('.ticket-recalls', { timeout: 2000 });

    await counter.click('[data-k=finish-next-1]');
    await waitForLatest(display, p2.number, 10_000);
    await counter.waitForFunction((n) => document.querySelector('.ticket-number')?.textContent === n, p2.number, { timeout: 2000 });
    const finished = await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}/floor-state`);
    expect(finished.body.counters[0].current.map((t: { number: string }) => t.number)).toEqual([p2.number]);

    // Transfer P2 to the front of service K: it keeps its number and heads K's queue.
    await issueTickets(sys, f, f.services[1].id, 2);
    await counter.keyboard.press('t');
    await counter.selectOption('#transfer-service-1', f.services[1].id);
    await counter.click('[data-placement=front]');
    await counter.waitForSelector('[data-seat="1"].free', { timeout: 2000 });
    const floor = await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}/floor-state`);
    const k = floor.body.services.find((s: { serviceId: string }) => s.serviceId === f.services[1].id);
    expect(k.tickets.map((t: { number: string }) => t.number)).toEqual([p2.number, expect.stringMatching(/^K/), expect.stringMatching(/^K/)]);
    await display.waitForFunction((id) => document.querySelector(`[data-service="${id}"] .waiting`)?.textContent === '3', f.services[1].id, { timeout: 2000 });
    await screenshot(display, 'display-landscape');
    await display.setViewportSize({ width: 1080, height: 1920 });
    await screenshot(display, 'display-portrait');
  });

  it('an assisted self-service station holds several citizens at once and finishes each on its own', async () => {
    const admin = sys.triage.as(f.tokens.admin);
    const station = await admin.post(`/sites/${f.siteId}/counters`, { name: 'Medbetjening', kind: 'assisted-self-service', seats: 3, serviceIds: [f.services[2].id] });
    expectStatus(station, 201);
    const tickets = await issueTickets(sys, f, f.services[2].id, 4);
    const display = await openDisplay(browser, sys, f);
    const page = await openCounterPage(browser, sys, f, station.body.id);
    await page.click('[data-k=open]');
    await page.waitForSelector('[data-state=open]');
    for (const seat of [1, 2, 3]) {
      await page.click(`[data-k=call-${seat}]`);
      await page.waitForSelector(`[data-seat="${seat}"].busy`, { timeout: 2000 });
    }
    const numbers = await page.locator('.ticket-number').allTextContents();
    expect(numbers).toEqual(tickets.slice(0, 3).map((t) => t.number));
    await waitForLatest(display, tickets[2].number, 15_000); // three calls are spotlighted in turn
    await screenshot(page, 'counter-assisted-station');

    await page.click('[data-k="finish-2-self-service"]');
    await page.waitForSelector('[data-seat="2"].free', { timeout: 2000 });
    expect(await page.locator('.ticket-number').allTextContents()).toEqual([tickets[0].number, tickets[2].number]);
    await page.click('[data-k=call-2]');
    await page.waitForFunction((n) => document.querySelector('[data-seat="2"] .ticket-number')?.textContent === n, tickets[3].number, { timeout: 2000 });
    await display.waitForFunction((n) => document.querySelector('#latest-counter')?.textContent?.includes('plads 2') && document.querySelector('#latest-number')?.textContent === n, tickets[3].number, { timeout: 2000 });
  });
});
