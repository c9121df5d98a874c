import { request as httpRequest } from 'node:http';
import { Browser, Frame, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/** The headers a page is served with, as a browser would get them. */
function headersOf(url: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (res) => {
      res.resume();
      resolve(res.headers);
    })
      .on('error', reject)
      .end();
  });
}

/** WCAG 2.1 contrast of every piece of text on the page against the background behind it. */
function lowestContrast(frame: Frame) {
  return frame.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    let worst = { ratio: 21, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent!.trim() || el.closest('.sr-only')) continue;
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < worst.ratio) worst = { ratio, text: n.textContent!.trim() };
    }
    return worst;
  });
}

describe('municipality wait-times widget', () => {
  let sys: TestSystem;
  let browser: Browser;
  let open: SiteFixture;
  let closed: SiteFixture;
  const origin = () => sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');
  const widgetUrl = (query = '') => `${origin()}/widget/municipality/aeroe-kommune${query}`;

  beforeAll(async () => {
    sys = await startSystem();
    open = await seedSite(sys, { municipality: 'Ærø Kommune', services: 3 });
    closed = await seedSite(sys, { municipality: 'Ærø Kommune', services: 2, openingHours: { weekly: {} } });
    await seedSite(sys, { municipality: 'Aabenraa Kommune' });
    const admin = sys.triage.as(open.tokens.admin);
    expectStatus(await admin.patch(`/sites/${open.siteId}`, { name: 'Borgerservice Ærøskøbing' }), 200);
    expectStatus(await admin.patch(`/sites/${closed.siteId}`, { name: 'Borgerservice Marstal' }), 200);
    await issueTickets(sys, open, open.services[0].id, 2);
    await openCounter(sys, open, open.counters[0].id); // an estimate needs an open counter serving the service
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  /** A municipal web page with the widget in an iframe, as the README tells them to embed it. */
  async function embedded(query = ''): Promise<{ page: Page; frame: Frame }> {
    const page = await browser.newPage({ viewport: { width: 560, height: 720 } });
    await page.setContent(
      `<!doctype html><html lang="da"><body style="margin:16px;font-family:sans-serif"><p>Aeroe Kommune – Borgerservice</p>` +
        `<iframe src="${widgetUrl(query)}" title="Ventetider i Borgerservice" style="width:520px;height:600px;border:1px solid #888"></iframe></body></html>`,
    );
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.waitForSelector('section.site', { timeout: 10_000 });
    return { page, frame };
  }

  const waitingCell = (frame: Frame, site: SiteFixture, code: string) =>
    frame.textContent(`section[data-site="${site.slug}"] tr[data-service="${code}"] .waiting`);

  it('is served so that any website may frame it', async () => {
    const headers = await headersOf(widgetUrl());
    expect(headers['x-frame-options']).toBeUndefined();
    expect(String(headers['content-security-policy'] ?? '')).not.toMatch(/frame-ancestors/);
  });

  it('shows every site of the municipality in an iframe, in Danish, and a new ticket without reloading', async () => {
    const { page, frame } = await embedded();
    expect(await frame.getAttribute('html', 'lang')).toBe('da');
    expect(await frame.textContent('h1')).toBe('Ærø Kommune: Ventetid lige nu');
    expect(await frame.$$eval('section.site h2', (hs) => hs.map((h) => h.textContent))).toEqual([
      'Borgerservice Marstal Lukket',
      'Borgerservice Ærøskøbing Åben',
    ]);
    expect(await frame.$$eval('section.site', (ss) => ss.map((s) => s.getAttribute('data-site')))).toEqual([closed.slug, open.slug]);
    // The closed site shows no queue; the open one a row per service with waiting, estimate and target.
    expect(await frame.$(`section[data-site="${closed.slug}"] table`)).toBeNull();
    expect(await frame.$$eval(`section[data-site="${open.slug}"] thead th`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'Ydelse',
      'Venter',
      'Forventet ventetid',
      'Mål',
    ]);
    expect(await frame.$$eval(`section[data-site="${open.slug}"] tbody th`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'Ydelse 0',
      'Ydelse 1',
      'Ydelse 2',
    ]);
    expect(await waitingCell(frame, open, 'svc-0')).toBe('2');
    expect(await waitingCell(frame, open, 'svc-1')).toBe('0');
    expect(await frame.textContent(`section[data-site="${open.slug}"] tr[data-service="svc-0"] .estimate`)).toMatch(
      /^(ca\. \d+ min|om lidt)(\d+–\d+ min)?$/, // the shared wait format: the range beneath where it helps
    );
    expect(await frame.textContent(`section[data-site="${open.slug}"] tr[data-service="svc-0"] .target`)).toBe('15 min');
    await screenshot(page, 'municipality-widget-iframe');

    await frame.evaluate(() => ((window as any).sameDocument = true));
    await issueTickets(sys, open, open.services[1].id, 3);
    // Server cache (5 s) plus the widget's own refresh (15 s): well within 30 s.
    await frame.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '3',
      `section[data-site="${open.slug}"] tr[data-service="svc-1"] .waiting`,
      { timeout: 30_000 },
    );
    expect(await frame.evaluate(() => (window as any).sameDocument)).toBe(true);
    expect(await waitingCell(frame, open, 'svc-0')).toBe('2');
    await page.close();
  }, 60_000);

  it('speaks English with ?lang=en and keeps AA contrast', async () => {
    const { page, frame } = await embedded('?lang=en');
    expect(await frame.getAttribute('html', 'lang')).toBe('en');
    expect(await frame.textContent('h1')).toBe('Ærø Kommune: Waiting time now');
    expect(await frame.$$eval(`section[data-site="${open.slug}"] thead th`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'Service',
      'Waiting',
      'Expected wait',
      'Target',
    ]);
    expect(await frame.textContent(`section[data-site="${closed.slug}"] .state`)).toBe('Closed');
    const worst = await lowestContrast(frame);
    expect(worst.ratio).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it('shares its rendering with the one-site widget, which still works', async () => {
    const page = await browser.newPage({ viewport: { width: 480, height: 400 } });
    await page.goto(`${origin()}/widget/${open.slug}`);
    await page.waitForSelector('table.wait-times');
    expect(await page.textContent('h1')).toBe('Borgerservice Ærøskøbing: Ventetid lige nu');
    expect(await page.textContent('tr[data-service="svc-0"] .waiting')).toBe('2');
    expect(await page.textContent('tr[data-service="svc-0"] .target')).toBe('15 min');
    await screenshot(page, 'site-widget');
    await page.close();
  });

  it('fits a 360 px phone without sideways scrolling and says whether the site is open, until when today', async () => {
    const days = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ opens: '00:00', closes: '23:59' }]]));
    const daytime = await seedSite(sys, { municipality: 'Ærø Kommune', openingHours: { weekly: days } });
    const answer = (await sys.ticketing.get(`/public/sites/${daytime.slug}/wait-times`)).body;
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${origin()}/widget/${daytime.slug}`);
    await page.waitForSelector('p.opening');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Open now until 23.59, or (in the last minute of the day) closed: either way said from the same answer.
    expect(await page.textContent('p.opening')).toBe(answer.open ? 'ÅbenÅben i dag til kl. 23.59' : `Lukket${await page.textContent('p.opening .hours')}`);
    if (answer.open) expect(await page.$$eval('tbody tr', (rows) => rows.length)).toBe(3);
    await expectAccessible(page, 'site widget at 360 px');
    await screenshot(page, 'site-widget-360');

    await page.goto(`${origin()}/widget/${closed.slug}`);
    await page.waitForSelector('p.opening');
    expect(await page.textContent('p.opening .state')).toBe('Lukket');
    expect(await page.$('table')).toBeNull();

    await page.goto(widgetUrl());
    await page.waitForSelector('section.site table');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'municipality widget at 360 px');
    await screenshot(page, 'municipality-widget-360');
    await page.close();
  });

  it('says so, in the page’s language, when the address names no municipality', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin()}/widget/municipality/no-such-kommune?lang=de`);
    await page.waitForSelector('p.error');
    expect(await page.textContent('p.error')).toMatch(/keine Wartezeiten/);
    await page.close();
  });
});
