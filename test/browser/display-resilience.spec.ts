import { Browser, Page } from 'playwright-core';
import { expectStatus } from '../support/http';
import { launchBrowser } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { CuttableProxy } from './display-proxy';
import './counter-pages';

/** The display's own model and what it shows, next to the server's display state. */
async function expectEqualToServer(sys: TestSystem, f: SiteFixture, display: Page) {
  const server = (await sys.counterDisplay[0].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`)).body;
  await display.waitForFunction((seq) => window.__skrankeDisplay.model?.seq === seq, server.seq, { timeout: 10000 });
  const model = await display.evaluate(() => window.__skrankeDisplay.model!);
  expect(model.recentCalls.map((c) => [c.seq, c.number])).toEqual(server.recentCalls.map((c: { seq: number; number: string }) => [c.seq, c.number]));
  expect(model.services.map((s) => [s.serviceId, s.waiting])).toEqual(server.services.map((s: { serviceId: string; waiting: number }) => [s.serviceId, s.waiting]));
  const shown = await display.locator('#recent-calls li .number').allTextContents();
  const unique = [...new Set(server.recentCalls.map((c: { number: string }) => c.number))] as string[];
  await display.waitForFunction((n) => document.querySelector('#latest-number')?.textContent === n, unique[0], { timeout: 15000 });
  expect(shown).toEqual(unique.slice(1, 7));
}

describe('the display under load and through a lost connection', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;

  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser();
    f = await seedSite(sys, { counters: 10 });
    for (const c of f.counters) await openCounter(sys, f, c.id);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('misses nothing in a burst of 10 calls within one second', async () => {
    const tickets = await issueTickets(sys, f, f.services[0].id, 10);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${sys.counterDisplayUrls[0]}/display#token=${f.tokens.display}`);
    await page.waitForFunction(() => window.__skrankeDisplay?.online && window.__skrankeDisplay.model !== null, null, { timeout: 10000 });
    const api = sys.counterDisplay[0].as(f.tokens.counter);
    // All ten counters call at the same moment.
    const calls = await Promise.all(f.counters.map((c) => api.post(`/counters/${c.id}/call-next`)));
    for (const res of calls) expectStatus(res, 200);
    const called = calls.map((r) => r.body.ticket.number).sort();
    expect(called).toEqual(tickets.map((t) => t.number).sort());
    // Every call gets its own moment in the spotlight, in the order they happened.
    await page.waitForFunction((n) => window.__skrankeSpeech.shown.length === n, 10, { timeout: 20000 });
    const shown = await page.evaluate(() => window.__skrankeSpeech.shown);
    expect([...shown].sort()).toEqual(called);
    await expectEqualToServer(sys, f, page);
    await page.close();
  });

  it('shows "reconnecting" after 5 s without connection and ends equal to the server after a 10 s cut during calls', async () => {
    const proxy = new CuttableProxy(new URL(sys.counterDisplayUrls[0]));
    const url = await proxy.start();
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${url}/display#token=${f.tokens.display}`);
    await page.waitForFunction(() => window.__skrankeDisplay?.online && window.__skrankeDisplay.model !== null, null, { timeout: 10000 });
    await issueTickets(sys, f, f.services[1].id, 6);
    const api = sys.counterDisplay[0].as(f.tokens.counter);

    proxy.disconnect();
    const cutAt = Date.now();
    for (const c of f.counters.slice(0, 3)) {
      const current = (await api.get(`/counters/${c.id}/current`)).body.seats[0].ticket;
      if (current) expectStatus(await api.post(`/tickets/${current.id}/finish`, { outcome: 'resolved' }), 200);
      expectStatus(await api.post(`/counters/${c.id}/call-next`), 200);
    }
    const recalled = (await api.get(`/counters/${f.counters[0].id}/current`)).body.seats[0].ticket;
    expectStatus(await api.post(`/tickets/${recalled.id}/recall`), 200);
    await page.waitForSelector('.reconnecting', { timeout: 8000 });
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(4900);
    await new Promise((r) => setTimeout(r, Math.max(0, 10000 - (Date.now() - cutAt))));
    proxy.reconnect();

    await page.waitForSelector('.reconnecting', { state: 'detached', timeout: 10000 });
    await expectEqualToServer(sys, f, page);
    await page.close();
    await proxy.stop();
  });
});
