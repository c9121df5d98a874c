/**
 * Issue 18, the counter page: two staff on one counter (the second warned by
 * name, takes over after a confirmation, the first told at once); "Kald dette
 * nummer" at the same moment as another counter's call next (one gets the
 * number, the other the next one or a clear refusal); no false offline banner
 * after a counter switch, and a real cut shown within 5 s; information neutral,
 * disabled buttons saying why; a medbetjening station with four busy seats on
 * 1366x768 without scrolling; no WCAG 2.1 AA violation.
 */
import { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';
import { openCounterPage } from './counter-pages';
import { CuttableProxy } from './display-proxy';

const BIRTHE = 'Birthe Jensen';

describe('the counter workstation', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  let birthe: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser();
    f = await seedSite(sys, { counters: 3 });
    birthe = `birthe-${f.slug}`;
    expectStatus(await sys.triage.as(f.tokens.admin).post('/users', { username: birthe, password: 'password-123', displayName: BIRTHE, roles: [{ siteId: f.siteId, role: 'counter' }] }), 201);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });

  async function counterPage(counterId: string, username?: string): Promise<Page> {
    const page = await openCounterPage(browser, sys, f, counterId, username);
    pages.push(page);
    return page;
  }

  it('a second user sees who works at the counter, takes over after a confirmation, and the first is told at once', async () => {
    const first = await counterPage(f.counters[0].id);
    await first.waitForSelector('[data-k=open]');
    expect(await first.locator('.bar [data-who]').textContent()).toContain('Logget ind som counter user');
    expect(await first.locator('.bar .links a').allTextContents()).toEqual(['Gulv', 'Overblik']);

    const second = await counterPage(f.counters[0].id, birthe);
    await showingPageOnFailure(second, () => second.waitForSelector('.hold-panel[data-hold=held]', { timeout: 5000 }));
    expect(await second.locator('.hold-panel h2').textContent()).toBe('Skranke 1 bruges af counter user');
    expect(await second.locator('[data-k=open]').count()).toBe(0);
    await screenshot(second, 'counter-held-by-another');
    expect(await axeViolations(second)).toEqual([]);

    await second.click('[data-k=takeover]');
    expect(await second.locator('.confirm-question').textContent()).toBe('Vil du overtage Skranke 1 fra counter user?');
    await second.click('[data-k=takeover-confirm]');
    await second.waitForSelector('[data-k=open]', { timeout: 5000 });
    expect(await second.locator('.bar [data-who]').textContent()).toContain(`Logget ind som ${BIRTHE}`);

    const toldAt = Date.now();
    await showingPageOnFailure(first, () => first.waitForSelector('.hold-panel[data-hold=taken]', { timeout: 3000 }));
    expect(Date.now() - toldAt).toBeLessThan(3000);
    expect(await first.locator('.hold-panel h2').textContent()).toBe(`Skranke 1 er overtaget af ${BIRTHE}`);
    expect(await first.locator('[data-k=open]').count()).toBe(0);
    await screenshot(first, 'counter-taken-over');

    // The page renders every second (the seats' clocks): a pause reason being typed survives that.
    await second.fill('#pause-reason', 'Frokost');
    await new Promise((r) => setTimeout(r, 1500));
    await second.click('[data-k=pause]');
    await second.waitForSelector('[data-state=paused]');
    expect(await second.locator('[data-state=paused]').textContent()).toBe('Pause – Frokost');

    // A pause with an expected length (the wait estimates count on the counter being back then): the preset
    // names the pause when no reason is typed, and the state says when the counter is back.
    await second.click('[data-k=open]');
    await second.waitForSelector('[data-state=open]');
    await second.fill('#pause-reason', '');
    await second.selectOption('#pause-length', 'lunch');
    expect(await second.locator('#pause-length option:checked').textContent()).toBe('Frokost 30 min');
    await second.click('[data-k=pause]');
    await second.waitForSelector('[data-state=paused]');
    expect(await second.locator('[data-state=paused]').textContent()).toMatch(/^Pause – Frokost \(tilbage kl\. \d\d:\d\d\)$/);
    expect(await axeViolations(second)).toEqual([]);
  });

  it('"Kald dette nummer" and another counter’s call next at the same moment: one gets the number, the other the next one', async () => {
    const [head, next] = await issueTickets(sys, f, f.services[1].id, 2);
    const a = await counterPage(f.counters[1].id);
    const b = await counterPage(f.counters[2].id, birthe);
    for (const p of [a, b]) {
      await p.click('[data-k=open]');
      await p.waitForSelector('[data-state=open]');
    }
    await a.click('.waiting-list summary');
    await a.waitForSelector(`[data-call-ticket="${head.number}"]:not([disabled])`);
    await screenshot(a, 'counter-waiting-list');
    expect((await axeViolations(a)).map((v) => v.id)).toEqual([]);

    await Promise.all([a.click(`[data-call-ticket="${head.number}"]`), b.click('[data-k=call-1]')]);
    const shown = async (p: Page) => {
      await p.waitForFunction(() => document.querySelector('[data-seat="1"] .ticket-number') || document.querySelector('.notice-error'), null, { timeout: 5000 });
      return (await p.locator('[data-seat="1"] .ticket-number').textContent().catch(() => null)) ?? null;
    };
    const [onA, onB] = await Promise.all([shown(a), shown(b)]);
    if (onA === head.number) {
      expect(onB).toBe(next.number);
    } else {
      // Call next got there first: the specific call is refused in words, and the number is at B.
      expect(onB).toBe(head.number);
      expect(await a.locator('.notice-error').textContent()).toBe('Nummeret venter ikke længere – en anden skranke har måske lige kaldt det.');
    }
    const floor = await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}/floor-state`);
    const called = floor.body.counters.flatMap((c: { current: { number: string }[] }) => c.current.map((t) => t.number));
    expect(called.filter((n: string) => n === head.number)).toHaveLength(1);
  });

  it('no offline banner after switching counters; a real cut shows it within 5 s', async () => {
    const proxy = new CuttableProxy(new URL(sys.counterDisplayUrls[0]));
    const url = await proxy.start();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    pages.push(page);
    try {
      await page.goto(`${url}/counter?counter=${f.counters[0].id}`);
      // Birthe: the counters she used above are hers or free again.
      await page.fill('#username', birthe);
      await page.fill('#password', 'password-123');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-k=open]');
      // Paused (by the first test): calling is disabled, and says why.
      const call = page.locator('[data-k=call-1]');
      expect(await call.isDisabled()).toBe(true);
      const why = await call.getAttribute('aria-describedby');
      expect(await page.locator(`#${why}`).textContent()).toBe('Skranken holder pause – tryk Åbn for at kalde igen.');

      await page.click('[data-k=change-counter]');
      await page.click(`[data-counter="${f.counters[2].id}"]`);
      await page.waitForSelector('[data-k=open]');
      expect(await page.locator('.bar h1').textContent()).toBe('Skranke 3');
      await page.click('[data-k=change-counter]');
      await page.click(`[data-counter="${f.counters[0].id}"]`);
      await page.waitForSelector('[data-k=open]');
      expect(await page.locator('.bar h1').textContent()).toBe('Skranke 1');
      // The old counters' sockets were closed by the page: nothing may call that an outage.
      await new Promise((r) => setTimeout(r, 6500));
      expect(await page.locator('[data-offline]').count()).toBe(0);

      // Information is neutral: once nobody waits, calling says so as a status, not a red alert.
      await page.click('[data-k=open]');
      await page.waitForSelector('[data-state=open]');
      await drainWaiting(page);
      expect(await page.locator('#message').getAttribute('role')).toBe('status');
      expect(await page.locator('#message').getAttribute('class')).toContain('notice-info');
      expect(await page.locator('#message').textContent()).toBe('Ingen venter lige nu.');

      proxy.disconnect();
      const cutAt = Date.now();
      await showingPageOnFailure(page, () => page.waitForSelector('[data-offline]', { timeout: 5000 }));
      expect(Date.now() - cutAt).toBeLessThan(5000);
      expect(await page.locator('[data-offline]').textContent()).toBe('Forbindelsen er afbrudt – genopretter…');
      proxy.reconnect();
      await page.waitForSelector('[data-offline]', { state: 'detached', timeout: 10_000 });
    } finally {
      await proxy.stop();
    }
  });

  it('a medbetjening station with four busy seats fits 1366x768 without scrolling, each seat named and coloured by its time', async () => {
    const station = await sys.triage.as(f.tokens.admin).post(`/sites/${f.siteId}/counters`, { name: 'Medbetjening', kind: 'assisted-self-service', seats: 4, serviceIds: [f.services[2].id] });
    expectStatus(station, 201);
    const tickets = await issueTickets(sys, f, f.services[2].id, 6);
    const page = await counterPage(station.body.id);
    // Closed: every seat's call button is disabled and says why.
    expect(await page.locator('[data-k=call-1]').isDisabled()).toBe(true);
    expect(await page.locator('#why-call-1').textContent()).toBe('Skranken er lukket – tryk Åbn for at kalde.');
    await page.click('[data-k=open]');
    await page.waitForSelector('[data-state=open]');
    for (const seat of [1, 2, 3, 4]) {
      await page.click(`[data-k=call-${seat}]`);
      await page.waitForSelector(`[data-seat="${seat}"].busy`, { timeout: 5000 });
    }
    expect(await page.locator('.ticket-number').allTextContents()).toEqual(tickets.slice(0, 4).map((t) => t.number));
    expect(await page.locator('.seat-title').allTextContents()).toEqual([1, 2, 3, 4].map((n) => `Medbetjening, plads ${n}`));
    expect(await page.locator('.seat.busy').evaluateAll((els) => els.map((e) => e.getAttribute('data-elapsed')))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const fits = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, height: innerHeight }));
    expect(fits.scroll).toBeLessThanOrEqual(fits.height);
    await screenshot(page, 'counter-medbetjening-four-seats');

    const violations = await axeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Closing the tab lets go of the station, so the next person finds it free.
    const staff = sys.counterDisplay[0].as(f.tokens.supervisor);
    expect((await staff.get(`/counters/${station.body.id}/current`)).body.hold).toMatchObject({ userName: 'counter user' });
    await page.close({ runBeforeUnload: true });
    await until(async () => (await staff.get(`/counters/${station.body.id}/current`)).body.hold === null, 15);
  });
});

/** Calls and finishes until the counter hears that nobody waits (the neutral information line). */
async function drainWaiting(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await page.click('[data-k=call-1]');
    await page.waitForFunction(() => document.querySelector('[data-seat="1"].busy') || document.querySelector('.notice-info'), null, { timeout: 5000 });
    if (await page.locator('.notice-info').count()) return;
    await page.click('[data-k="finish-1-resolved"]');
    await page.waitForSelector('[data-seat="1"].free', { timeout: 5000 });
  }
}
