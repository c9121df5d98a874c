import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { seedHistory } from '../../tools/bench/statistics-seed';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Issue 21 item 5, the reports page: a supervisor of two sites compares them over a period, sees the table
 * (the chart's accessible twin) and the chart, changes the interval and the report, downloads the same filter
 * as CSV; by keyboard alone, at 360 px, in a strict CSP, axe-clean. History is written straight into `ticket`
 * (tools/bench/statistics-seed.ts): the figures are the report endpoint's own (tested in test/e2e/report-*),
 * so the page is checked against the JSON of the same filter.
 */
const FROM = '2026-09-01';
const TO = '2026-10-31';

let sys: TestSystem;
let browser: Browser;
let nord: SiteFixture;
let syd: SiteFixture;
let both: string;
const problems: string[] = [];

beforeAll(async () => {
  sys = await startSystem();
  nord = await seedSite(sys, { services: 2, municipality: 'Rapportby Kommune' });
  syd = await seedSite(sys, { services: 2, municipality: 'Rapportby Kommune' });
  const admin = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
  expectStatus(await admin.patch(`/sites/${nord.siteId}`, { name: 'Borgerservice Nord' }), 200);
  expectStatus(await admin.patch(`/sites/${syd.siteId}`, { name: 'Borgerservice Syd' }), 200);
  const db = new Client({ connectionString: sys.env.DATABASE_URL });
  await db.connect();
  try {
    for (const [f, perDay] of [
      [nord, 30],
      [syd, 18],
    ] as const) {
      await seedHistory(db, { siteId: f.siteId, serviceIds: f.services.map((s) => s.id), timezone: 'Europe/Copenhagen' }, FROM, TO, perDay);
    }
  } finally {
    await db.end();
  }
  expectStatus(
    await admin.post('/users', {
      username: 'leder-begge',
      password: 'password-123',
      displayName: 'Leder af begge',
      roles: [
        { siteId: nord.siteId, role: 'supervisor' },
        { siteId: syd.siteId, role: 'supervisor' },
      ],
    }),
    201,
  );
  both = await login(sys.triage, 'leder-begge', 'password-123');
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

/** The page with every CSP refusal and script error kept (both must stay empty). */
async function reportsPage(token: string, viewport = { width: 1366, height: 900 }, lang = 'da'): Promise<Page> {
  const page = await staffPage(browser, sys, token, `/reports?lang=${lang}`, viewport);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP refused ${e.violatedDirective}: ${e.blockedURI}`));
  });
  return page;
}

/** Waits for the answer of the filter just asked for. */
async function shown(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"] article.report', { timeout: 20_000 });
}

async function choose(page: Page, report: string, interval?: string): Promise<void> {
  await page.fill('input[name=from]', FROM);
  await page.fill('input[name=to]', TO);
  await page.selectOption('select[name=report]', report);
  if (interval) await page.selectOption('select[name=interval]', interval);
  await page.click('[data-testid=show]');
  await page.waitForSelector(`article.report[data-report="${report}"]`, { timeout: 20_000 });
  await shown(page);
}

const cells = (page: Page, col: string, where = 'tbody') => page.locator(`.report-table ${where} [data-col="${col}"]`).allTextContents();

test('a supervisor of two sites compares them: table equal to the JSON, totals in tfoot, chart with the target line', async () => {
  const page = await reportsPage(both);
  await showingPageOnFailure(page, async () => {
    expect(await page.locator('fieldset.sites label').allTextContents()).toEqual(['Borgerservice Nord', 'Borgerservice Syd']);
    // Reports not built yet are listed as coming and cannot be chosen.
    const listing = (await sys.triage.as(both).get('/reports?lang=da')).body as {
      id: string;
      available: boolean;
      title: string;
      definition: string;
    }[];
    // This installation sends no e-mail: no report is offered by e-mail, and the page shows no such section.
    expect(listing.filter((r) => (r as { byEmail?: boolean }).byEmail)).toEqual([]);
    expect(await page.locator('[data-testid="report-by-email"]').count()).toBe(0);
    const coming = listing.filter((r) => !r.available);
    expect(await page.locator('select[name=report] option[disabled]').count()).toBe(coming.length);
    expect(await page.getByTestId('report-definition').textContent()).toBe(listing.find((r) => r.id === 'volume')!.definition);

    await choose(page, 'volume', 'month');
    const json = await sys.triage
      .as(both)
      .get(`/reports/volume?siteIds=${nord.siteId},${syd.siteId}&from=${FROM}&to=${TO}&interval=month&lang=da`);
    expectStatus(json, 200);
    const rows = json.body.rows as Record<string, string | number | null>[];
    expect(rows.length).toBe(2 * 2 * 2); // months × sites × services
    expect(await cells(page, 'site')).toEqual(rows.map((r) => r.site));
    expect(await cells(page, 'period')).toEqual(rows.map((r) => (r.period === '2026-09' ? 'september 2026' : 'oktober 2026')));
    expect(await cells(page, 'arrived')).toEqual(rows.map((r) => new Intl.NumberFormat('da-DK').format(r.arrived as number)));
    // Minutes with one decimal and a decimal comma, as Danish is written.
    expect(await cells(page, 'waitP90')).toEqual(rows.map((r) => (r.waitP90 as number).toFixed(1).replace('.', ',')));
    expect(await cells(page, 'arrived', 'tfoot')).toEqual([new Intl.NumberFormat('da-DK').format(json.body.totals.arrived)]);
    expect(await page.locator('.report-table tfoot th[scope=row]').textContent()).toBe('I alt');
    // Every header says what it counts: a title and a description that is the API's definition.
    const header = page.locator('.report-table thead th[data-col="waitP90"]');
    const definition = json.body.columns.find((c: { key: string }) => c.key === 'waitP90').definition;
    expect(await header.getAttribute('title')).toBe(definition);
    expect(await page.locator(`#${await header.getAttribute('aria-describedby')}`).textContent()).toBe(definition);
    expect(await page.locator('.report-table caption').textContent()).toContain('Borgerservice Nord, Borgerservice Syd');

    // The chart: sites side by side (a series per site and service), the target as a dashed line, summarised for screen readers.
    const chart = page.locator('.report-chart[role=img]');
    expect(await chart.locator('svg').count()).toBe(1);
    const label = (await chart.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^Diagram over Ventetid 90 %.*: 4 serier over 2 perioder\. Højeste værdi \d+,\d/);
    expect(label).toContain('Mål 15,0 min');
    expect(await chart.locator('svg text', { hasText: 'Mål 15,0 min' }).count()).toBe(1);
    expect(await chart.locator('svg text', { hasText: 'oktober 2026' }).count()).toBe(1);
    await expectAccessible(page, 'reports page (volume by month)');
    await screenshot(page, 'reports-volume-month');

    // Week by week: ISO weeks written the Danish way.
    await page.selectOption('select[name=interval]', 'week');
    await page.click('[data-testid=show]');
    await page.waitForFunction(() => document.querySelector('.report-table caption')?.textContent?.includes('Uger'));
    await shown(page);
    const weeks = await cells(page, 'period');
    expect(weeks[0]).toBe('uge 36 2026');
    expect(new Set(weeks).size).toBe(9);
    await screenshot(page, 'reports-volume-week');

    // The address holds the filter: a reload (or the link sent to a colleague) shows the same report.
    expect(new URL(page.url()).searchParams.get('interval')).toBe('week');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"] article.report', { timeout: 20_000 });
    expect((await cells(page, 'period'))[0]).toBe('uge 36 2026');
    expect(await page.inputValue('input[name=from]')).toBe(FROM);
    expect(await page.inputValue('select[name=interval]')).toBe('week');
  });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('period over period: the comparison with a year earlier is offered where the report has it, and its columns come with it', async () => {
  const page = await reportsPage(both);
  await showingPageOnFailure(page, async () => {
    await page.selectOption('select[name=report]', 'heatmap');
    expect(await page.locator('input[name=compare]').count()).toBe(0);
    await page.selectOption('select[name=report]', 'volume');
    await page.check('input[name=compare]');
    await choose(page, 'volume', 'month');
    expect(new URL(page.url()).searchParams.get('compare')).toBe('previous-year');
    const json = await sys.triage
      .as(both)
      .get(`/reports/volume?siteIds=${nord.siteId},${syd.siteId}&from=${FROM}&to=${TO}&interval=month&lang=da&compare=previous-year`);
    expectStatus(json, 200);
    expect(await page.locator('.report-table thead th').allTextContents()).toEqual(
      json.body.columns.map((c: { label: string }) => c.label),
    );
    await screenshot(page, 'reports-compare');
  });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('export: the same filter as CSV for Danish Excel (BOM, filter lines first), RFC 4180 and XLSX, with the bearer token', async () => {
  const page = await reportsPage(both);
  await showingPageOnFailure(page, async () => {
    await choose(page, 'volume', 'month');
    const get = async (id: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${id}"]`)]);
      return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
    };
    const da = await get('csv-excel-da');
    expect(da.name).toBe(`skranke-volume-${FROM}-${TO}.csv`);
    const text = da.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Rapport;/);
    expect(lines[1]).toBe('Steder;Borgerservice Nord, Borgerservice Syd');
    expect(lines[2]).toBe(`Periode;${FROM};${TO}`);
    const rfc = await get('csv-rfc4180');
    expect(rfc.body.toString('utf8').startsWith('\uFEFF')).toBe(false);
    expect(rfc.body.toString('utf8').split('\r\n')[2]).toBe(`Periode,${FROM},${TO}`);
    const xlsx = await get('xlsx');
    expect(xlsx.name).toBe(`skranke-volume-${FROM}-${TO}.xlsx`);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');

    // The visits export is a file only: no table, no chart, the CSV download.
    await page.selectOption('select[name=report]', 'visits');
    await page.click('[data-testid=show]');
    await page.waitForSelector('article.report[data-report="visits"] [data-testid=file-only]');
    expect(await page.locator('.report-table, .report-chart').count()).toBe(0);
    expect(await page.locator('[data-export]').evaluateAll((b) => b.map((x) => x.getAttribute('data-export')))).toEqual([
      'csv-excel-da',
      'csv-rfc4180',
    ]);
    const visits = await get('csv-excel-da');
    expect(visits.name).toBe(`skranke-visits-${FROM}-${TO}.csv`);
    expect(visits.body.toString('utf8').startsWith('\uFEFFRapport;')).toBe(true);
  });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the heat map per site and the wait distribution as stacked bars, each with its table', async () => {
  const page = await reportsPage(both);
  await showingPageOnFailure(page, async () => {
    await choose(page, 'heatmap');
    const maps = page.locator('.report-charts[data-kind=heatmap] .report-chart[role=img]');
    expect(await maps.count()).toBe(2);
    expect(await maps.first().getAttribute('aria-label')).toMatch(/^Varmekort for Borgerservice Nord: Ankomne pr\. åbningsdag/);
    expect(await page.locator('.report-table tfoot').count()).toBe(0);
    expect((await cells(page, 'hourOfDay'))[0]).toBe('08.00–09.00');
    await page.selectOption('[data-testid=measure]', 'p90');
    expect(await maps.first().getAttribute('aria-label')).toMatch(/Ventetid 90 %/);
    await expectAccessible(page, 'reports page (heat map)');
    await screenshot(page, 'reports-heatmap');

    await choose(page, 'wait-distribution', 'month');
    const stacked = page.locator('.report-charts[data-kind=stacked] .report-chart[role=img]');
    expect(await stacked.getAttribute('aria-label')).toMatch(/^Stablede søjler for 8 rækker/);
    await screenshot(page, 'reports-wait-distribution');
  });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('by keyboard alone, in English, at 360 px: nothing wider than the screen', async () => {
  const page = await reportsPage(both, { width: 360, height: 740 }, 'en');
  await showingPageOnFailure(page, async () => {
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    // Last month is a quick choice, then the report by arrow keys, then Show with Enter.
    await tabTo('[data-period=lastMonth]');
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-period=lastMonth]').getAttribute('aria-pressed')).toBe('true');
    await tabTo('input[name=from]');
    await page.keyboard.type('09012026');
    await tabTo('input[name=to]');
    await page.keyboard.type('10312026');
    expect(await page.inputValue('input[name=from]')).toBe(FROM);
    expect(await page.inputValue('input[name=to]')).toBe(TO);
    await tabTo('select[name=interval]');
    await page.keyboard.press('ArrowDown');
    await tabTo('[data-testid=show]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.report-table caption')?.textContent?.includes('Weeks'));
    await shown(page);
    expect(await page.locator('.report-table thead th').first().textContent()).toBe('Period');
    expect((await cells(page, 'period'))[0]).toBe('week 36 2026');
    // The table scrolls inside its own region; the page itself does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await tabTo('.report-table .table-scroll');
    await tabTo('[data-export="csv-excel-da"]');
    await expectAccessible(page, 'reports page at 360 px');
    await screenshot(page, 'reports-360');
  });
  expect(problems).toEqual([]);
  await page.context().close();
});

test('a supervisor of one site sees only that site; a floor walker is told plainly there is nothing to read', async () => {
  const page = await reportsPage(nord.tokens.supervisor);
  await showingPageOnFailure(page, async () => {
    expect(await page.locator('fieldset.sites label').allTextContents()).toEqual(['Borgerservice Nord']);
    await shown(page);
    expect(await page.getByTestId('report-filter').textContent()).toContain('Borgerservice Nord');
    expect(await page.getByTestId('report-filter').textContent()).not.toContain('Syd');
  });
  await page.context().close();
  const floor = await reportsPage(nord.tokens.floor);
  await showingPageOnFailure(floor, async () => {
    expect(await floor.getByTestId('no-access').getByRole('alert').textContent()).toMatch(/^Du har ikke adgang til statistik/);
  });
  await floor.context().close();
  expect(problems).toEqual([]);
});

test('a reports reader (the role catalogue\'s Statistiklæser, no other role) reads the statistics of their site', async () => {
  const admin = sys.triage.as(nord.tokens.admin);
  const username = `laeser-${nord.slug}`;
  expectStatus(await admin.post('/users', { username, password: 'password-123', displayName: 'Læser', roles: [{ siteId: nord.siteId, role: 'reports' }] }), 201);
  const page = await reportsPage(await login(sys.triage, username, 'password-123'));
  await showingPageOnFailure(page, async () => {
    expect(await page.locator('fieldset.sites label').allTextContents()).toEqual(['Borgerservice Nord']);
    await choose(page, 'volume');
    expect((await cells(page, 'arrived')).length).toBeGreaterThan(0);
  });
  await page.context().close();
  expect(problems).toEqual([]);
});

