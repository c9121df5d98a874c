/**
 * Every answer of every app carries the security headers: a Content-Security-Policy (strict
 * per page, none at all for the API), no framing except the wait-times widgets (by whom each
 * site says), nosniff, and no Referer (the ticket page's address holds its tracking token).
 * And the pages still work in Chromium under their policy, with no violation reported.
 */
import { Browser, Page } from 'playwright-core';
import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { launchBrowser, showingPageOnFailure } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { expectStatus, sendRaw } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { openCounterPage, openDisplay } from '../browser/counter-pages';
import { staffPage } from '../browser/floor-helpers';

const base = (api: { baseUrl: string }) => api.baseUrl.replace(/\/api\/v1$/, '');

/** Headers of a GET, as a browser would receive them. */
async function headersOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers }> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, headers: res.headers };
}

const csp = (h: Headers) =>
  Object.fromEntries(
    (h.get('content-security-policy') ?? '')
      .split(';')
      .filter(Boolean)
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

function expectEverywhere(h: Headers): void {
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  expect(h.get('content-security-policy')).toBeTruthy();
}

function expectUnframeable(h: Headers): void {
  expect(csp(h)['frame-ancestors']).toEqual(["'none'"]);
  expect(h.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let odense: SiteFixture;
  let trackingToken: string;
  let pages: { url: string; app: string; framed: boolean }[];
  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys, { municipality: 'Ærø Kommune' });
    odense = await seedSite(sys, { municipality: 'Odense Kommune', settings: { widgetFrameAncestors: ['https://www.odense.dk', 'https://*.odense.dk'] } });
    await seedSite(sys, { municipality: 'Odense Kommune', settings: { widgetFrameAncestors: ['https://borger.odense.dk'] } });
    [{ trackingToken }] = await issueTickets(sys, f, f.services[0].id, 1);
    const [t, tr, cd] = [base(sys.ticketing), base(sys.triage), sys.counterDisplayUrls[0]];
    pages = [
      { url: `${t}/kiosk/${f.slug}`, app: 'ticketing', framed: false },
      { url: `${t}/t/${trackingToken}`, app: 'ticketing', framed: false },
      { url: `${t}/widget/${f.slug}`, app: 'ticketing', framed: true },
      { url: `${t}/widget/municipality/aeroe-kommune`, app: 'ticketing', framed: true },
      { url: `${cd}/counter`, app: 'counter-display', framed: false },
      { url: `${cd}/display`, app: 'counter-display', framed: false },
      { url: `${tr}/floor/${f.slug}`, app: 'triage', framed: false },
      { url: `${tr}/dashboard/${f.slug}`, app: 'triage', framed: false },
      { url: `${tr}/admin/${f.slug}`, app: 'triage', framed: false },
      { url: `${tr}/reports`, app: 'triage', framed: false },
      { url: `${tr}/staff-figures/${f.slug}`, app: 'triage', framed: false },
    ];
  });
  afterAll(() => sys.stop());

  it('every page: a strict CSP of its own (no inline or eval code), nosniff, no Referer, and no framing but the widgets', async () => {
    for (const page of pages) {
      const { status, headers } = await headersOf(page.url);
      expect({ url: page.url, status }).toEqual({ url: page.url, status: 200 });
      expectEverywhere(headers);
      const policy = csp(headers);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['base-uri']).toEqual(["'none'"]);
      if (!page.framed) expectUnframeable(headers);
    }
    // The ticket page reaches the hub, the staff pages the counter-display app and (for bookings) the ticketing app: those origins and no others.
    const hub = sys.counterDisplayUrls[0];
    expect(csp((await headersOf(pages[1].url)).headers)['connect-src']).toEqual(["'self'", hub, hub.replace('http', 'ws')]);
    expect(csp((await headersOf(pages[6].url)).headers)['connect-src']).toEqual(["'self'", hub, hub.replace('http', 'ws'), base(sys.ticketing)]);
    expect(csp((await headersOf(pages[0].url)).headers)['img-src']).toEqual(["'self'", 'data:', 'https:']); // the QR code, and the site's logo (settings.branding.logo: https or data:)
    expect(csp((await headersOf(pages[0].url)).headers)['connect-src']).toEqual(["'self'"]);
    // The reports page reads its own app's API only (its chart is SVG drawn in the page: no other source).
    expect(csp((await headersOf(pages[9].url)).headers)['connect-src']).toEqual(["'self'"]);
    // So does the staff figures page.
    expect(csp((await headersOf(pages[10].url)).headers)['connect-src']).toEqual(["'self'"]);
  });

  it('the widgets: framed by anyone unless the site names its embedders; a municipality’s by the union of its sites’', async () => {
    const anyone = (await headersOf(`${base(sys.ticketing)}/widget/${f.slug}`)).headers;
    expect(anyone.get('x-frame-options')).toBeNull();
    expect(csp(anyone)['frame-ancestors']).toBeUndefined();
    const site = (await headersOf(`${base(sys.ticketing)}/widget/${odense.slug}`)).headers;
    expect(site.get('x-frame-options')).toBeNull();
    expect(csp(site)['frame-ancestors']).toEqual(['https://www.odense.dk', 'https://*.odense.dk']);
    const municipality = (await headersOf(`${base(sys.ticketing)}/widget/municipality/odense-kommune`)).headers;
    expect(csp(municipality)['frame-ancestors']).toEqual(['https://*.odense.dk', 'https://borger.odense.dk', 'https://www.odense.dk']);
    // No one, when a site says so.
    expectStatus(await sys.triage.as(odense.tokens.admin).patch(`/sites/${odense.siteId}`, { settings: { widgetFrameAncestors: [] } }), 200);
    await new Promise((r) => setTimeout(r, 5_100)); // the widgets read the settings at most every 5 s
    expectUnframeable((await headersOf(`${base(sys.ticketing)}/widget/${odense.slug}`)).headers);
  });

  it('refuses embedders that are not plain origins', async () => {
    const admin = sys.triage.as(f.tokens.admin);
    for (const bad of [['https://a.dk/path'], ["'self'"], ['https://a.dk; script-src *'], ['https://a.dk https://b.dk'], ['javascript:alert(1)'], ['*', 'https://a.dk'], 'https://a.dk', [42]]) {
      const reply = await admin.patch(`/sites/${f.siteId}`, { settings: { widgetFrameAncestors: bad } });
      expect({ bad, status: reply.status, code: reply.body?.error?.code }).toEqual({ bad, status: 400, code: 'invalid_settings' });
    }
    expectStatus(await admin.patch(`/sites/${f.siteId}`, { settings: { widgetFrameAncestors: ['*'] } }), 200);
  });

  it('every API answer of every app: success and error, 404, broken and oversized bodies, the docs and static files', async () => {
    const apps = [
      { api: sys.ticketing, url: base(sys.ticketing), staff: `/sites/${f.siteId}/appointments` },
      { api: sys.triage, url: base(sys.triage), staff: '/sites' },
      { api: sys.counterDisplay[0], url: sys.counterDisplayUrls[0], staff: '/me/counters' },
    ];
    for (const { api, url, staff } of apps) {
      const answers = [
        await api.get('/health'),
        await api.get('/no-such-route'),
        await api.get(staff), // 401 without a token
        await api.post('/auth/login', '{"username":', { 'content-type': 'application/json' }), // the body parser's 400
        await api.post('/auth/login', JSON.stringify({ username: 'x'.repeat(70_000) }), { 'content-type': 'application/json' }), // 413
        await api.request('PUT', '/health'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 404, 401, 400, 413, 404]);
      for (const a of answers) {
        expectEverywhere(a.headers);
        expect(a.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
        expect(a.headers.get('x-frame-options')).toBe('DENY');
      }
      const config = await headersOf(`${url}/app-config.json`);
      expectEverywhere(config.headers);
      const docs = await headersOf(`${url}/api/docs`);
      expect(docs.status).toBe(200);
      expectEverywhere(docs.headers);
      expectUnframeable(docs.headers);
      expect(csp(docs.headers)['script-src']).toEqual(["'self'"]);
      // Requests Node refuses itself (headers over 16 kB) answer with the same headers.
      const raw = await new Promise<string>((resolve, reject) => {
        const req = request(`${url}/api/v1/health`, { headers: { 'x-big': 'y'.repeat(20_000) } }, (res) => resolve(JSON.stringify(res.headers)));
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(raw)).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    }
    // The hub answers HTTP itself, ahead of Express.
    const hub = await headersOf(`${sys.counterDisplayUrls[0]}/socket.io/?EIO=4&transport=polling`);
    expect(hub.status).toBe(400);
    expectEverywhere(hub.headers);
    expectUnframeable(hub.headers);
    const tracked = await sys.ticketing.get(`/tickets/track/${trackingToken}`);
    expectStatus(tracked, 200);
    expectEverywhere(tracked.headers);
    const asset = (await fetch(`${pages[0].url}`).then((r) => r.text())).match(/src="([^"]+\.js)"/)![1];
    expectEverywhere((await headersOf(`${base(sys.ticketing)}${asset}`)).headers);
    const broken = await sendRaw(base(sys.ticketing), 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json', 'content-length': 2 }, body: '{"' });
    expect(broken.status).toBe(400);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    /** Records what the page's Content-Security-Policy refused, from the page's own reports and the console. */
    async function watch(page: Page): Promise<string[]> {
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (Content Security Policy ${e.violatedDirective}): ${e.blockedURI}`)),
      );
      return refused;
    }

    it('every page works under its policy and reports no violation', async () => {
      const t = base(sys.ticketing);
      const checks: [string, (page: Page) => Promise<unknown>][] = [
        [`${t}/kiosk/${f.slug}#token=${f.tokens.kiosk}`, async (p) => {
          await p.click('button.choice');
          await p.waitForSelector('[data-screen="ticket"] img.qr', { timeout: 10_000 });
          await p.waitForFunction(() => (document.querySelector('img.qr') as HTMLImageElement)?.naturalWidth > 0);
        }],
        [`${t}/t/${trackingToken}`, async (p) => {
          await p.waitForSelector('[data-status="waiting"]', { timeout: 10_000 });
          await p.waitForTimeout(1_000); // meanwhile its socket connects to the hub, another origin
        }],
        [`${t}/widget/${f.slug}`, (p) => p.waitForSelector('table.wait-times', { timeout: 10_000 })],
        [`${t}/widget/municipality/aeroe-kommune`, (p) => p.waitForSelector('section.site', { timeout: 10_000 })],
      ];
      for (const [url, works] of checks) {
        const page = await browser.newPage();
        const refused = await watch(page);
        await showingPageOnFailure(page, async () => {
          await page.goto(url);
          await works(page);
        });
        expect({ url, refused }).toEqual({ url, refused: [] });
        await page.close();
      }
      const display = await openDisplay(browser, sys, f, { initScript: "document.addEventListener('securitypolicyviolation', (e) => console.error('Refused ' + e.violatedDirective))" });
      const refusedOnDisplay: string[] = [];
      display.on('console', (m) => /Refused|Content Security Policy/.test(m.text()) && refusedOnDisplay.push(m.text()));
      await display.reload();
      await display.waitForFunction(() => window.__skrankeDisplay?.online, null, { timeout: 30_000 });
      expect(refusedOnDisplay).toEqual([]);
      await display.close();
      const counter = await openCounterPage(browser, sys, f, f.counters[0].id);
      const refusedOnCounter = await watch(counter);
      await counter.reload();
      await counter.waitForSelector('.bar h1', { timeout: 10_000 });
      expect(refusedOnCounter).toEqual([]);
      await counter.close();
      for (const [token, path] of [[f.tokens.floor, `/floor/${f.slug}`], [f.tokens.supervisor, `/dashboard/${f.slug}`], [f.tokens.admin, `/admin/${f.slug}`], [f.tokens.supervisor, '/reports'], [f.tokens.supervisor, `/staff-figures/${f.slug}`]]) {
        const page = await staffPage(browser, sys, token, path);
        const refused = await watch(page);
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
        await page.waitForTimeout(500); // the live feed connects to the hub
        expect({ path, refused }).toEqual({ path, refused: [] });
        await page.context().close();
      }
    }, 120_000);

    it('a page of another origin can frame a widget but not the counter page', async () => {
      const server = createServer((req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(`<!doctype html><title>x</title><iframe id="f" src="${decodeURIComponent(req.url!.slice(1))}"></iframe>`);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const elsewhere = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      try {
        const page = await browser.newPage();
        const refused = await watch(page);
        await page.goto(elsewhere + encodeURIComponent(`${base(sys.ticketing)}/widget/${f.slug}`));
        const widget = (await (await page.waitForSelector('iframe')).contentFrame())!;
        await widget.waitForSelector('table.wait-times', { timeout: 10_000 });
        expect(refused).toEqual([]);
        await page.goto(elsewhere + encodeURIComponent(`${sys.counterDisplayUrls[0]}/counter`));
        await page.waitForTimeout(1_000);
        expect(refused.join('\n')).toMatch(/frame-ancestors|Refused to (display|frame)/);
        const counter = (await (await page.$('iframe'))!.contentFrame())!;
        expect(await counter.$('#username')).toBeNull();
        await page.close();
      } finally {
        server.close();
      }
    });
  });
});
