import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(90_000);

/**
 * The borgerguide's tablet at its size (1180×820): who is signed in and the
 * other staff pages, the number search, services nobody waits for folded
 * away, every seat of a medbetjening station on its chip, labels in the
 * page's language, and no WCAG 2.1 AA violation axe can find.
 */
let sys: TestSystem;
let browser: Browser;
let site: SiteFixture;
let page: Page;
let station: { id: string; name: string };
const pageErrors: string[] = [];
const TABLET = { width: 1180, height: 820 };

beforeAll(async () => {
  sys = await startSystem();
  site = await seedSite(sys, { counters: 1 });
  const admin = sys.triage.as(site.tokens.admin);
  const created = await admin.post(`/sites/${site.siteId}/counters`, { name: 'Medbetjening', kind: 'assisted-self-service', seats: 3, serviceIds: [site.services[0].id] });
  expectStatus(created, 201);
  station = created.body;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

async function tablet(path = `/floor/${site.slug}`): Promise<Page> {
  const p = await staffPage(browser, sys, site.tokens.floor, path, TABLET);
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  return p;
}

test('the tablet shows who is signed in, links to the other staff pages, and every seat of the medbetjening station', async () => {
  await issueTickets(sys, site, site.services[0].id, 4); // P001…P004
  await issueTickets(sys, site, site.services[1].id, 2); // K001, K002
  const counter = sys.counterDisplay[0].as(site.tokens.counter);
  expectStatus(await counter.post(`/counters/${station.id}/open`), 200);
  const called = await counter.post(`/counters/${station.id}/call-next`, { seat: 2 });
  expectStatus(called, 200);
  expect(called.body.ticket.number).toBe('P001');

  page = await tablet();
  await showingPageOnFailure(page, async () => {
    expect(await page.getByTestId('signed-in').textContent()).toBe('Logget ind som floor user');
    // A floor-walker's roles open only this page; a supervisor's also the dashboard and the counter (on the counter-display app).
    expect(await page.locator('nav a').allTextContents()).toEqual(['Borgerguide']);
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Borgerguide');
    const lead = await staffPage(browser, sys, site.tokens.supervisor, `/floor/${site.slug}`, TABLET);
    expect(await lead.locator('nav a').allTextContents()).toEqual(['Borgerguide', 'Dashboard', 'Skranke', 'Statistik']);
    expect(await lead.locator('nav a[data-nav=counter]').getAttribute('href')).toBe(`${sys.counterDisplayUrls[0]}/counter`);
    expect(await lead.locator('nav a[data-nav=dashboard]').getAttribute('href')).toBe(`/dashboard/${site.slug}`);
    await lead.context().close();
    const chip = page.locator('li.chip[data-counter="Medbetjening"]');
    expect(await chip.locator('.chip-seat').allTextContents()).toEqual(['Medbetjening, plads 1: ledig', 'Medbetjening, plads 2: P001', 'Medbetjening, plads 3: ledig']);
  });
});

test('a service nobody waits for is folded into one line; the ones with citizens waiting stay open', async () => {
  expect(await page.locator('[data-waiting-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-waiting-service')))).toEqual(['svc-0', 'svc-1']);
  const folded = page.getByTestId('empty-services');
  expect(await folded.locator('summary').textContent()).toBe('Ingen venter til 1 ydelse(r)');
  expect(await folded.locator('li').allTextContents()).toEqual(['Ydelse 2']);
});

test('typing a number shows only that ticket, highlighted, with its actions; digits alone find every letter', async () => {
  const search = page.getByLabel('Find nummer');
  await search.fill('p3');
  await page.locator('li[data-ticket].highlight').first().waitFor();
  expect(await page.locator('li[data-ticket]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket')))).toEqual(['P003']);
  const row = page.locator('li[data-ticket="P003"]');
  expect(await row.getByRole('button').allTextContents()).toEqual(['Flyt', 'Prioritér', 'Borgeren er gået']);
  expect(await page.getByTestId('search-status').textContent()).toBe('P003 venter på Ydelse 0');

  await search.fill('2');
  await page.locator('li[data-ticket="K002"]').waitFor();
  expect(await page.locator('li[data-ticket]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket')))).toEqual(['P002', 'K002']);

  await search.fill('P1');
  await page.getByTestId('search-status').filter({ hasText: 'P001 er kaldt til Medbetjening, plads 2' }).waitFor();
  expect(await page.locator('li[data-ticket]').count()).toBe(0);

  await search.fill('P99');
  await page.getByTestId('search-status').filter({ hasText: 'Intet ventende nummer passer til P99.' }).waitFor();

  await page.getByRole('button', { name: 'Ryd' }).click();
  await page.locator('li[data-ticket="P004"]').waitFor();
  expect(await page.locator('li[data-ticket].highlight').count()).toBe(0);
});

test('the tablet at 1180×820 has no WCAG 2.1 AA violation, on the start screen and in the ticket form', async () => {
  await page.getByLabel('Find nummer').fill('P2');
  await page.locator('li[data-ticket="P002"]').waitFor();
  await screenshot(page, 'floor-tablet-1180x820');
  await expectAccessible(page, 'floor tablet');
  await page.getByRole('button', { name: 'Nummer', exact: true }).tap();
  await expectAccessible(page, 'floor tablet, ticket form');
  await page.getByRole('button', { name: 'Tilbage' }).tap();
  expect(pageErrors).toEqual([]);
});

test('topics, referral targets and flags show their label in the page language, never the key', async () => {
  const english = await tablet(`/floor/${site.slug}?lang=en`);
  await english.getByRole('button', { name: 'Referred' }).tap();
  expect(await english.locator('.triage .choices button').allTextContents()).toEqual([
    'Udbetaling Danmark (Payments Denmark)',
    'Danish Tax Agency (SKAT)',
    'Back office',
    'Another department',
  ]);
  await english.getByRole('button', { name: 'Back', exact: true }).tap();
  await english.getByRole('button', { name: 'Ticket', exact: true }).tap();
  expect(await english.locator('.triage button[data-flag]').allTextContents()).toEqual(['Interpreter', 'Step-free access', 'New to digital', 'Forgot MitID']);
  await english.context().close();

  const german = await tablet(`/floor/${site.slug}?lang=de`);
  await german.getByRole('button', { name: 'Verwiesen' }).tap();
  await german.getByRole('button', { name: 'Dänische Steuerbehörde (SKAT)' }).waitFor();
  await german.context().close();

  await page.getByRole('button', { name: 'Løst på stedet' }).tap();
  expect(await page.locator('.triage .choices button').allTextContents()).toEqual(['Åbningstider', 'Digital Post', 'MitID', 'Afhentning af pas', 'Blanketter']);
  await page.getByRole('button', { name: 'Åbningstider' }).tap();
  await page.getByTestId('triage-status').filter({ hasText: 'Registreret: Åbningstider' }).waitFor();
  const figures = (await sys.triage.as(site.tokens.supervisor).get(`/sites/${site.siteId}/dashboard`)).body.today;
  expect(figures.resolvedOnSpot).toBe(1);
  expect(pageErrors).toEqual([]);
});
