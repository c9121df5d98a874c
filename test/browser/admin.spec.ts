import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, login, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

let sys: TestSystem;
let browser: Browser;
let site: SiteFixture;
let page: Page;

beforeAll(async () => {
  sys = await startSystem();
  site = await seedSite(sys);
  browser = await launchBrowser();
  page = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`, { width: 1280, height: 1000 });
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const status = () => page.locator('[data-testid="admin-status"]');

/** Each test starts from a freshly loaded page, so no refresh left over from the last test re-renders a form being filled. */
async function freshPage() {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
}

/** Reads until the server shows what the page saved (the page answers before our read may see it). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
const admin = () => sys.triage.as(site.tokens.admin);

test('an admin creates a service through the page', async () => {
  const form = page.locator('[data-testid="new-service"]');
  await form.locator('[name="code"]').fill('driving-licence');
  await form.locator('[name="prefix"]').fill('D');
  await form.locator('[name="name-da"]').fill('Kørekort');
  await form.locator('[name="name-en"]').fill('Driving licence');
  await form.locator('[name="name-de"]').fill('Führerschein');
  await form.locator('[name="newTarget"]').fill('20');
  await form.locator('[name="newLevel"]').fill('90');
  await form.locator('[name="newCap"]').fill('40');
  await page.click('[data-testid="create-service"]');
  await page.waitForSelector('tr[data-service="driving-licence"]', { timeout: 5_000 });
  const services = (await admin().get(`/sites/${site.siteId}/services`)).body;
  expect(services.find((s: any) => s.code === 'driving-licence')).toMatchObject({
    prefix: 'D', names: { da: 'Kørekort', en: 'Driving licence', de: 'Führerschein' }, targetWaitMinutes: 20, serviceLevelPercent: 90, dailyCap: 40, active: true,
  });
});

test('an admin changes a service\'s target, service level and cap, then deactivates it', async () => {
  await freshPage();
  const row = page.locator('tr[data-service="svc-2"]');
  await row.locator('[name="targetWaitMinutes"]').fill('25');
  await row.locator('[name="serviceLevelPercent"]').fill('70');
  await row.locator('[name="dailyCap"]').fill('12');
  await row.locator('[data-action="save"]').click();
  const find = async () => (await admin().get(`/sites/${site.siteId}/services`)).body.find((s: any) => s.code === 'svc-2');
  expect(await eventually(find, (s) => s.targetWaitMinutes === 25)).toMatchObject({ targetWaitMinutes: 25, serviceLevelPercent: 70, dailyCap: 12, active: true });
  await page.locator('tr[data-service="svc-2"] [data-action="toggle"]').click();
  await page.waitForSelector('tr[data-service="svc-2"].muted', { timeout: 5_000 });
  expect((await eventually(find, (s) => !s.active)).active).toBe(false);
});

test('an admin creates a counter serving the new service first', async () => {
  await freshPage();
  const form = page.locator('[data-testid="new-counter"]');
  await form.locator('[name="counterName"]').fill('Skranke 9');
  expect(await form.locator('[name="seats"]').isVisible()).toBe(false);
  await form.locator('[name="counterKind"]').selectOption('assisted-self-service');
  expect(await form.locator('[name="seats"]').isVisible()).toBe(true);
  await form.locator('[name="counterKind"]').selectOption('desk');
  await form.locator('[data-profile="svc-0"]').check();
  await form.locator('[data-profile="driving-licence"]').check();
  await form.getByRole('button', { name: /D$/ }).click(); // move D above P
  await page.click('[data-testid="create-counter"]');
  await page.waitForSelector('li[data-counter="Skranke 9"]', { timeout: 5_000 });
  const services = (await admin().get(`/sites/${site.siteId}/services`)).body;
  const id = (code: string) => services.find((s: any) => s.code === code).id;
  const counters = (await admin().get(`/sites/${site.siteId}/counters`)).body;
  expect(counters.find((c: any) => c.name === 'Skranke 9')).toMatchObject({ kind: 'desk', serviceIds: [id('driving-licence'), id('svc-0')] });
});

test('removing an open counter is refused and the page says why', async () => {
  await freshPage();
  await openCounter(sys, site, site.counters[0].id);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator(`li[data-counter="${site.counters[0].name}"] [data-action="remove"]`).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="admin-status"]')?.textContent?.includes('Close the counter'), null, { timeout: 5_000 });
  const counters = (await admin().get(`/sites/${site.siteId}/counters`)).body;
  expect(counters.map((c: any) => c.id)).toContain(site.counters[0].id);
});

test('an admin creates a staff member with the counter role who can then log in', async () => {
  await freshPage();
  const form = page.locator('[data-testid="new-user"]');
  await form.locator('[name="newUsername"]').fill('karen.skranke');
  await form.locator('[name="newDisplayName"]').fill('Karen');
  await form.locator('[name="newPassword"]').fill('hemmelig-123');
  await form.locator('[name="newRole"][value="counter"]').check();
  await page.click('[data-testid="create-user"]');
  await page.waitForSelector('tr[data-user="karen.skranke"]', { timeout: 5_000 });
  const users = (await admin().get('/users')).body;
  expect(users.find((u: any) => u.username === 'karen.skranke')).toMatchObject({ displayName: 'Karen', roles: [{ siteId: site.siteId, role: 'counter' }] });
  await login(sys.triage, 'karen.skranke', 'hemmelig-123');
});

test('two admins creating the same username at once: one is created, the other is told the name is taken', async () => {
  await freshPage();
  const other = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`);
  const fill = async (p: Page, name: string) => {
    const form = p.locator('[data-testid="new-user"]');
    await form.locator('[name="newUsername"]').fill('ole.gulv');
    await form.locator('[name="newDisplayName"]').fill(name);
    await form.locator('[name="newPassword"]').fill('hemmelig-456');
    await form.locator('[name="newRole"][value="floor"]').check();
  };
  await Promise.all([fill(page, 'Ole A'), fill(other, 'Ole B')]);
  await Promise.all([page.click('[data-testid="create-user"]'), other.click('[data-testid="create-user"]')]);
  const outcome = async (p: Page) => {
    await p.waitForFunction(() => document.querySelector('[data-testid="admin-status"]')?.textContent, null, { timeout: 5_000 });
    return (await p.locator('[data-testid="admin-status"]').getAttribute('class'))!.includes('ok') ? 'created' : await p.locator('[data-testid="admin-status"]').textContent();
  };
  const outcomes = await Promise.all([outcome(page), outcome(other)]);
  expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
  const refused = outcomes.find((o) => o !== 'created');
  // Whether the service's check or the unique index refuses the second admin, the answer is "taken".
  expect(refused).toMatch(/That username is taken/);
  const users = (await admin().get('/users')).body.filter((u: any) => u.username === 'ole.gulv');
  expect(users).toHaveLength(1);
  await other.context().close();
});

test('an admin sets weekly hours and a closed exception day; an interval that closes before it opens shows the server message', async () => {
  await freshPage();
  await page.fill('[name="siteName"]', 'Borgerservice Rådhuset');
  await page.fill('[name="hours-mon"]', '08:00-12:00, 13:00-17:30');
  await page.fill('[name="hours-sat"]', '');
  await page.click('[data-testid="add-exception"]');
  const row = page.locator('[data-exception]').last();
  await row.locator('[name="exceptionDate"]').fill('2026-12-24');
  await row.locator('[name="exceptionReason"]').fill('Juleaften');
  await expect(row.locator('[name="exceptionClosed"]').isChecked()).resolves.toBe(true);
  await page.click('[data-testid="save-site"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="admin-status"]')?.textContent?.length, null, { timeout: 5_000 });
  expect(await status().getAttribute('class')).toContain('ok');
  const saved = await eventually(async () => (await admin().get(`/sites/${site.siteId}`)).body, (b) => b.name === 'Borgerservice Rådhuset');
  expect(saved.name).toBe('Borgerservice Rådhuset');
  expect(saved.openingHours.weekly.mon).toEqual([{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '17:30' }]);
  expect(saved.openingHours.weekly.sat).toEqual([]);
  expect(saved.openingHours.exceptions).toEqual([{ date: '2026-12-24', intervals: [], reason: 'Juleaften' }]);

  await page.fill('[name="hours-tue"]', '17:00-09:00');
  await page.click('[data-testid="save-site"]');
  const error = await page.waitForSelector('[data-testid="hours-error"]:has-text("Tirsdag: closes must be after opens")', { timeout: 5_000 });
  expect(await error.textContent()).toContain('Åbningstiderne blev ikke gemt');
  await screenshot(page, 'admin');
  expect((await admin().get(`/sites/${site.siteId}`)).body.openingHours.weekly.tue).toEqual([{ opens: '00:00', closes: '24:00' }]);
});

test('a floor user who opens the configuration page is refused, and so is the API', async () => {
  await freshPage();
  const floorPage = await staffPage(browser, sys, site.tokens.floor, `/admin/${site.slug}`);
  expect(await floorPage.locator('[data-testid="no-access"]').textContent()).toContain('Kun administratorer');
  expect(await floorPage.locator('[data-testid="new-service"]').count()).toBe(0);
  expectStatus(await sys.triage.as(site.tokens.floor).patch(`/sites/${site.siteId}`, { name: 'x' }), 403);
  expectStatus(await sys.triage.as(site.tokens.floor).get(`/sites/${site.siteId}/devices`), 403);
  await floorPage.context().close();
});
