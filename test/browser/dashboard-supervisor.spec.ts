import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(90_000);

/**
 * The supervisor's dashboard as a Borgerservice lead meets it: refused plainly
 * to a user without the role, targets beside the actual figures, a site-wide
 * line, the staffing advice worded in Danish, counter buttons that follow the
 * counter's state, a service profile whose order survives the save.
 */
let sys: TestSystem;
let browser: Browser;
let site: SiteFixture;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  sys = await startSystem();
  site = await seedSite(sys);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

async function dashboard(token: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const p = await staffPage(browser, sys, token, `/dashboard/${site.slug}`, viewport);
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  return p;
}

test('a user without the supervisor role is told so plainly and can log out; no error on the page', async () => {
  const floor = await dashboard(site.tokens.floor);
  await showingPageOnFailure(floor, async () => {
    const message = floor.getByTestId('no-access');
    expect(await message.getByRole('alert').textContent()).toMatch(/^Du har ikke adgang til dashboardet\. Det kræver rollen leder/);
    await expectAccessible(floor, 'dashboard without the role');
    await screenshot(floor, 'dashboard-no-access');
    await message.getByRole('link', { name: 'Log ud og log ind som en anden' }).click();
    await floor.locator('form.login input[name=username]').waitFor();
  });
  expect(await floor.evaluate(() => sessionStorage.getItem('skranke.staffToken'))).toBeNull();
  expect((await sys.triage.as(site.tokens.floor).get('/auth/me')).status).toBe(401);
  expect(pageErrors).toEqual([]);
  await floor.context().close();
});

test('headers are plain, each target sits beside its figure, and the site-wide line sums the services', async () => {
  await issueTickets(sys, site, site.services[0].id, 3);
  await issueTickets(sys, site, site.services[1].id, 2);
  page = await dashboard(site.tokens.supervisor);
  expect(await page.locator('.services-table thead th').allTextContents()).toEqual([
    'Ydelse',
    'Venter',
    'Længste ventetid',
    'Forventet ventetid',
    'Kaldt inden for målet i dag',
    'Skønnenes træfsikkerhed i dag',
    'Bemanding den næste time',
  ]);
  const row = page.locator('tr[data-service="svc-0"]');
  expect(await row.locator('[data-cell=longest]').textContent()).toBe('0 min (mål 15 min)');
  const total = page.locator('tr[data-service="total"]');
  expect(await total.locator('th').textContent()).toBe('Hele Borgerservice');
  expect(await total.locator('[data-cell=waiting]').textContent()).toBe('5');
  expect(await page.getByTestId('accuracy-explained').textContent()).toMatch(/^Skønnenes træfsikkerhed måles, når de første borgere er kaldt/);
});

test('the staffing advice arrives as a key with parameters and is worded in Danish', async () => {
  const body = (await sys.triage.as(site.tokens.supervisor).get(`/sites/${site.siteId}/dashboard`)).body;
  const staffing = body.services.find((s: { code: string }) => s.code === 'svc-0').staffing;
  expect(staffing.advice).toEqual({ key: 'staffing.open-more', params: { counters: staffing.delta, level: 80, target: 15 } });
  expect(await page.locator('tr[data-service="svc-0"] [data-cell=staffing]').textContent()).toBe(
    `Åbn ${staffing.delta} skranke(r) mere til Ydelse 0 for at nå 80 % inden for 15 min`,
  );
});

test("a counter's buttons follow its state and say why the others are off", async () => {
  const row = page.locator(`tr[data-counter="${site.counters[0].name}"]`);
  const enabled = async () => Object.fromEntries(await Promise.all(['open', 'pause', 'close'].map(async (a) => [a, await row.locator(`button[data-action=${a}]`).isEnabled()])));
  expect(await enabled()).toEqual({ open: true, pause: false, close: false });
  expect(await row.locator('.reason').textContent()).toBe('En lukket skranke kan ikke holde pause. Skranken er allerede lukket.');
  await row.locator('button[data-action=open]').click();
  await row.locator('[data-state=open]').waitFor({ timeout: 5000 });
  expect(await enabled()).toEqual({ open: false, pause: true, close: true });
  expect(await row.locator('.reason').textContent()).toBe('Skranken er allerede åben.');
  await row.locator('button[data-action=pause]').click();
  await row.locator('[data-state=paused]').waitFor({ timeout: 5000 });
  expect(await enabled()).toEqual({ open: true, pause: false, close: true });
});

test("the profile editor shows service names, reorders with the keyboard, and the order is kept after saving", async () => {
  const counter = site.counters[1];
  const profile = page.locator(`tr[data-counter="${counter.name}"] [data-profile]`);
  const order = () => profile.locator('.profile-order label').allTextContents();
  expect(await order()).toEqual(['Ydelse 0', 'Ydelse 1', 'Ydelse 2']);
  await profile.getByRole('button', { name: 'Flyt Ydelse 2 op' }).focus();
  await page.keyboard.press('Enter');
  await profile.getByRole('button', { name: 'Flyt Ydelse 2 op' }).focus();
  await page.keyboard.press('Enter');
  await profile.getByRole('button', { name: 'Flyt Ydelse 0 ned' }).click();
  expect(await order()).toEqual(['Ydelse 2', 'Ydelse 1', 'Ydelse 0']);
  await profile.getByRole('checkbox', { name: 'Ydelse 1' }).uncheck();
  await profile.getByRole('button', { name: 'Gem' }).click();
  await profile.getByRole('status').filter({ hasText: 'Gemt' }).waitFor({ timeout: 5000 });
  const saved = (await sys.triage.as(site.tokens.admin).get(`/sites/${site.siteId}/counters`)).body.find((c: { id: string }) => c.id === counter.id);
  expect(saved.serviceIds).toEqual([site.services[2].id, site.services[0].id]);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  expect(await order()).toEqual(['Ydelse 2', 'Ydelse 0']);
  expect(await profile.locator('.profile-others label').allTextContents()).toEqual(['Ydelse 1']);
  // A row may also be dragged onto another.
  await profile.locator('.profile-order li').nth(1).dragTo(profile.locator('.profile-order li').nth(0));
  expect(await order()).toEqual(['Ydelse 0', 'Ydelse 2']);
});

test('the dashboard has no WCAG 2.1 AA violation, at 1366×768 and 1920×1080', async () => {
  await expectAccessible(page, 'dashboard 1366×768');
  await screenshot(page, 'dashboard-1366x768');
  const wide = await dashboard(site.tokens.supervisor, { width: 1920, height: 1080 });
  await expectAccessible(wide, 'dashboard 1920×1080');
  await screenshot(wide, 'dashboard-1920x1080');
  await wide.context().close();
  expect(pageErrors).toEqual([]);
});
