/**
 * The configuration page (/admin/<slug>) as a site administrator uses it: each
 * section edited through the page and read back from the API, refusals shown
 * in Danish by their code, no WCAG 2.1 A/AA violation in any section, and
 * screenshots at the sizes of an office screen.
 */
import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
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
  // Two wrong passwords lock a login here, so the unlock test needs no long guessing.
  sys = await startSystem({ env: { LOGIN_MAX_FAILURES: '2' } });
  site = await seedSite(sys);
  browser = await launchBrowser();
  page = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`, { width: 1366, height: 768 });
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const admin = () => sys.triage.as(site.tokens.admin);
const section = (id: string) => page.locator(`[data-section="${id}"]`);
const errorOf = (id: string) => page.locator(`[data-testid="error-${id}"]`);

/** Each test starts from a freshly loaded page with every section drawn. */
async function freshPage(p: Page = page) {
  await p.reload();
  await p.waitForSelector('[data-section="devices"]', { timeout: 10_000 });
}

/** Saves a section and waits for its neutral "Gemt". */
async function saveAndWait(id: string) {
  await page.click(`[data-testid="save-${id}"]`);
  await showingPageOnFailure(page, () => page.waitForSelector(`[data-testid="status-${id}"]:has-text("Gemt")`, { timeout: 15_000 }));
}

/** Reads until the server shows what the page saved. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const services = async () => (await admin().get(`/sites/${site.siteId}/services`)).body as { id: string; code: string; [k: string]: unknown }[];
const serviceId = async (code: string) => (await services()).find((s) => s.code === code)!.id;

test('every section is reachable from the page navigation, labelled, and free of WCAG 2.1 A/AA violations', async () => {
  await freshPage();
  const links = await page.locator('nav.admin-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links).toEqual(['#site', '#lists', '#services', '#counters', '#counter-plan', '#notifications', '#staff', '#sso', '#staff-figures', '#devices']);
  for (const href of links) {
    await page.click(`nav.admin-nav a[href="${href}"]`);
    expect(await page.evaluate(() => location.hash)).toBe(href);
    await expectAccessible(page, `configuration ${href}`, { include: `[data-section="${href!.slice(1)}"]` });
  }
  // With the editors open: a new row in every list, a station's seats, a dated exception, listed widget origins.
  for (const add of ['add-service', 'add-counter', 'add-user', 'add-exception']) await page.click(`[data-testid="${add}"]`);
  await section('lists').locator('[data-action="add-entry"]').first().click();
  await section('site').locator('[name="framing"][value="listed"]').check();
  await section('counters').locator('[data-new] [name="counterKind"]').selectOption('assisted-self-service');
  await expectAccessible(page, 'configuration with every editor open');
  // And with problems shown under the fields.
  await page.click('[data-testid="save-services"]');
  await page.waitForSelector('[data-section="services"] .field-error');
  await expectAccessible(page, 'configuration with problems shown');
  expect(await page.locator('input:not([type=hidden]), select, textarea').evaluateAll((els) => els.filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label')).length)).toBe(0);
});

test('screenshots of the configuration page at 1366×768 and 1920×1080', async () => {
  await freshPage();
  await screenshot(page, 'admin-1366x768');
  const wide = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`, { width: 1920, height: 1080 });
  await wide.waitForSelector('[data-section="devices"]');
  await screenshot(wide, 'admin-1920x1080');
  await wide.click('nav.admin-nav a[href="#counters"]');
  await screenshot(wide, 'admin-counters-1920x1080');
  await wide.context().close();
});

test("an admin edits a counter's kind, seats and the order of its service profile, and the API has it", async () => {
  await freshPage();
  const [p, k, m] = await Promise.all(['svc-0', 'svc-1', 'svc-2'].map(serviceId));
  const card = section('counters').locator(`[data-counter="${site.counters[1].name}"]`);
  await card.locator('[name="counterName"]').fill('Medbetjening');
  expect(await card.locator('[name="seats"]').count()).toBe(0); // only a medbetjening station has seats
  await card.locator('[name="counterKind"]').selectOption('assisted-self-service');
  await card.locator('[name="seats"]').fill('4');
  // The profile shows names in order: Ydelse 2 moves to the top, Ydelse 1 leaves.
  const order = () => card.locator('.profile-name').allTextContents();
  expect(await order()).toEqual(['P · Ydelse 0', 'K · Ydelse 1', 'M · Ydelse 2']);
  await card.getByRole('button', { name: 'Flyt M · Ydelse 2 op' }).click();
  await card.getByRole('button', { name: 'Flyt M · Ydelse 2 op' }).click();
  await card.getByRole('button', { name: 'Fjern K · Ydelse 1' }).click();
  expect(await order()).toEqual(['M · Ydelse 2', 'P · Ydelse 0']);
  await saveAndWait('counters');
  const saved = (await admin().get(`/sites/${site.siteId}/counters`)).body.find((c: { id: string }) => c.id === site.counters[1].id);
  expect(saved).toMatchObject({ name: 'Medbetjening', kind: 'assisted-self-service', seats: 4, serviceIds: [m, p] });

  // Added back at the end, and a new counter beside it.
  await freshPage();
  const again = section('counters').locator('[data-counter="Medbetjening"]');
  expect(await again.locator('.profile-name').allTextContents()).toEqual(['M · Ydelse 2', 'P · Ydelse 0']);
  await again.locator('[name="addService"]').selectOption(k);
  await again.locator('[data-action="add-to-profile"]').click();
  await page.click('[data-testid="add-counter"]');
  const fresh = section('counters').locator('[data-new]');
  await fresh.locator('[name="counterName"]').fill('Skranke 9');
  await fresh.locator('[name="counterKind"]').selectOption('desk');
  await fresh.locator('[name="addService"]').selectOption(k);
  await fresh.locator('[data-action="add-to-profile"]').click();
  await saveAndWait('counters');
  const counters = (await admin().get(`/sites/${site.siteId}/counters`)).body;
  expect(counters.find((c: { id: string }) => c.id === site.counters[1].id).serviceIds).toEqual([m, p, k]);
  expect(counters.find((c: { name: string }) => c.name === 'Skranke 9')).toMatchObject({ kind: 'desk', seats: 1, serviceIds: [k] });
  await page.waitForSelector('[data-section="counters"] [data-counter="Skranke 9"]:not([data-new])');
});

test('two admins editing the same counter at once keep both changes: each page sends only what it changed', async () => {
  await freshPage();
  const other = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`, { width: 1366, height: 768 });
  await other.waitForSelector('[data-section="devices"]');
  const counter = site.counters[1];
  const before = (await admin().get(`/sites/${site.siteId}/counters`)).body.find((c: { id: string }) => c.id === counter.id);
  const mine = section('counters').locator(`[data-counter="${before.name}"]`);
  const theirs = other.locator(`[data-section="counters"] [data-counter="${before.name}"]`);
  await mine.locator('[name="counterName"]').fill('Medbetjening ved døren');
  await theirs.locator('.profile-actions button').last().click(); // removes the last service of the profile
  await Promise.all([page.click('[data-testid="save-counters"]'), other.click('[data-testid="save-counters"]')]);
  await Promise.all([page, other].map((p) => p.waitForSelector('[data-testid="status-counters"]:has-text("Gemt")', { timeout: 15_000 })));
  const after = (await admin().get(`/sites/${site.siteId}/counters`)).body.find((c: { id: string }) => c.id === counter.id);
  expect(after).toMatchObject({ name: 'Medbetjening ved døren', kind: before.kind, seats: before.seats, serviceIds: before.serviceIds.slice(0, -1) });
  await other.context().close();
});

test('removing an open counter is refused, and the page says why in Danish (by the refusal code)', async () => {
  await openCounter(sys, site, site.counters[0].id);
  await freshPage();
  const card = section('counters').locator(`[data-counter="${site.counters[0].name}"]`);
  await card.locator('[data-action="remove"]').click();
  await page.click('[data-testid="save-counters"]');
  await showingPageOnFailure(page, () => page.waitForSelector('[data-testid="error-counters"]', { timeout: 15_000 }));
  expect(await errorOf('counters').textContent()).toBe('Luk skranken, før du fjerner den.');
  const counters = (await admin().get(`/sites/${site.siteId}/counters`)).body;
  expect(counters.map((c: { id: string }) => c.id)).toContain(site.counters[0].id);
});

test('services: a new one is added, another edited and deactivated; problems are shown in Danish under their fields', async () => {
  await freshPage();
  await page.click('[data-testid="add-service"]');
  const row = section('services').locator('[data-new]');
  await row.locator('[name="prefix"]').fill('d');
  await row.locator('[name="code"]').fill('driving-licence');
  await page.click('[data-testid="save-services"]');
  // Checked before sending: the letter, and the names that are missing.
  expect(await row.locator('.field-error').allTextContents()).toEqual(['1 til 3 store bogstaver (A-Z).', 'Skal udfyldes.', 'Skal udfyldes.', 'Skal udfyldes.']);
  expect(await errorOf('services').textContent()).toBe('Ikke gemt: ret de markerede felter.');
  await row.locator('[name="prefix"]').fill('D');
  await row.locator('[name="da"]').fill('Kørekort');
  await row.locator('[name="en"]').fill('Driving licence');
  await row.locator('[name="de"]').fill('Führerschein');
  await row.locator('[name="groupName"]').fill('Kørekort og pas');
  await row.locator('[name="target"]').fill('20');
  await row.locator('[name="cap"]').fill('40');
  const existing = section('services').locator('[data-service="svc-2"]');
  await existing.locator('[name="target"]').fill('25');
  await existing.locator('[name="level"]').fill('70');
  await existing.locator('[name="active"]').uncheck();
  await saveAndWait('services');
  const list = await services();
  expect(list.find((s) => s.code === 'driving-licence')).toMatchObject({
    prefix: 'D', names: { da: 'Kørekort', en: 'Driving licence', de: 'Führerschein' }, groupName: 'Kørekort og pas', targetWaitMinutes: 20, serviceLevelPercent: 80, dailyCap: 40, active: true,
  });
  expect(list.find((s) => s.code === 'svc-2')).toMatchObject({ targetWaitMinutes: 25, serviceLevelPercent: 70, active: false });
  await page.waitForSelector('[data-section="services"] [data-service="svc-2"].inactive');
});

test('a refusal of the server is shown in Danish by its code: a service code that exists already', async () => {
  await freshPage();
  await page.click('[data-testid="add-service"]');
  const row = section('services').locator('[data-new]');
  for (const [name, value] of [['prefix', 'Q'], ['code', 'svc-0'], ['da', 'Dublet'], ['en', 'Duplicate'], ['de', 'Duplikat']]) await row.locator(`[name="${name}"]`).fill(value);
  await page.click('[data-testid="save-services"]');
  await showingPageOnFailure(page, () => page.waitForSelector('[data-testid="error-services"]', { timeout: 15_000 }));
  expect(await errorOf('services').textContent()).toBe('Det findes allerede.');
  expect((await services()).filter((s) => s.code === 'svc-0')).toHaveLength(1);
  // The row stays for the admin to correct.
  expect(await row.locator('[name="code"]').inputValue()).toBe('svc-0');
});

test('staff: a new staff member, then roles changed, a new password given, and deactivated', async () => {
  await freshPage();
  await page.click('[data-testid="add-user"]');
  const row = section('staff').locator('[data-new]');
  await row.locator('[name="username"]').fill('karen.skranke');
  await row.locator('[name="displayName"]').fill('Karen');
  await row.locator('[name="password"]').fill('hemmelig-123');
  await row.locator('[name="role"][value="counter"]').check();
  await saveAndWait('staff');
  const karen = async () => (await admin().get('/users')).body.find((u: { username: string }) => u.username === 'karen.skranke');
  expect(await karen()).toMatchObject({ displayName: 'Karen', active: true, roles: [{ siteId: site.siteId, role: 'counter' }] });
  await login(sys.triage, 'karen.skranke', 'hemmelig-123');

  await freshPage();
  const card = section('staff').locator('[data-user="karen.skranke"]');
  await card.locator('[name="role"][value="supervisor"]').check();
  await card.locator('[name="role"][value="counter"]').uncheck();
  await card.locator('[name="password"]').fill('nyt-kodeord-456');
  await card.locator('[name="displayName"]').fill('Karen Skranke');
  await saveAndWait('staff');
  expect(await karen()).toMatchObject({ displayName: 'Karen Skranke', roles: [{ siteId: site.siteId, role: 'supervisor' }] });
  const token = await login(sys.triage, 'karen.skranke', 'nyt-kodeord-456');
  expectStatus(await sys.triage.post('/auth/login', { username: 'karen.skranke', password: 'hemmelig-123' }), 401);

  await card.locator('[data-action="unlock"]').click();
  await page.waitForSelector('[data-user="karen.skranke"] [role="status"]:has-text("Login var ikke låst.")');

  await card.locator('[name="active"]').uncheck();
  await saveAndWait('staff');
  expect((await karen()).active).toBe(false);
  expectStatus(await sys.triage.as(token).get('/auth/me'), 401);
  expectStatus(await sys.triage.post('/auth/login', { username: 'karen.skranke', password: 'nyt-kodeord-456' }), 401);
  await page.waitForSelector('[data-user="karen.skranke"].inactive');
});

test('a login locked by wrong passwords shows until when, and the admin unlocks it', async () => {
  expectStatus(await admin().post('/users', { username: 'lene.laast', password: 'rigtig-kode-1', displayName: 'Lene', roles: [{ siteId: site.siteId, role: 'counter' }] }), 201);
  expectStatus(await sys.triage.post('/auth/login', { username: 'lene.laast', password: 'forkert-1' }), 401);
  await new Promise((r) => setTimeout(r, 1_100)); // the second guess may come after a second
  expectStatus(await sys.triage.post('/auth/login', { username: 'lene.laast', password: 'forkert-2' }), 401);
  expectStatus(await sys.triage.post('/auth/login', { username: 'lene.laast', password: 'rigtig-kode-1' }), 429);
  const lene = async () => (await admin().get('/users')).body.find((u: { username: string }) => u.username === 'lene.laast');
  expect(Date.parse((await lene()).loginLockedUntil)).toBeGreaterThan(Date.now());

  await freshPage();
  const card = section('staff').locator('[data-user="lene.laast"]');
  expect(await card.locator('[data-testid="locked"]').textContent()).toMatch(/^Login låst til kl\. \d\d\.\d\d$/);
  await card.locator('[data-action="unlock"]').click();
  await page.waitForSelector('[data-user="lene.laast"] [role="status"]:has-text("Login er låst op.")');
  expect(await card.locator('[data-testid="locked"]').count()).toBe(0);
  expect((await lene()).loginLockedUntil).toBeNull();
  await login(sys.triage, 'lene.laast', 'rigtig-kode-1');
});

test('two admins creating the same username at once: one is created, the other is told in Danish the name is taken', async () => {
  await freshPage();
  const other = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}`, { width: 1366, height: 768 });
  await other.waitForSelector('[data-section="devices"]');
  const fill = async (p: Page, name: string) => {
    await p.click('[data-testid="add-user"]');
    const row = p.locator('[data-section="staff"] [data-new]');
    await row.locator('[name="username"]').fill('ole.gulv');
    await row.locator('[name="displayName"]').fill(name);
    await row.locator('[name="password"]').fill('hemmelig-456');
    await row.locator('[name="role"][value="floor"]').check();
  };
  await Promise.all([fill(page, 'Ole A'), fill(other, 'Ole B')]);
  await Promise.all([page.click('[data-testid="save-staff"]'), other.click('[data-testid="save-staff"]')]);
  const outcome = async (p: Page) => {
    await p.waitForSelector('[data-testid="status-staff"]:has-text("Gemt"), [data-testid="error-staff"]', { timeout: 15_000 });
    return (await p.locator('[data-testid="error-staff"]').count()) ? p.locator('[data-testid="error-staff"]').textContent() : 'created';
  };
  const outcomes = await Promise.all([outcome(page), outcome(other)]);
  expect(outcomes.sort()).toEqual(['Brugernavnet er optaget.', 'created']);
  expect((await admin().get('/users')).body.filter((u: { username: string }) => u.username === 'ole.gulv')).toHaveLength(1);
  await other.context().close();
});

test('devices: a new kiosk shows its address with the token once, shows when it was last seen, and is revoked after a confirmation', async () => {
  await freshPage();
  expect(await section('devices').locator('[data-device="kiosk 1"] [data-field="last-seen"]').textContent()).toMatch(/^(Endnu ikke set|I dag \d\d\.\d\d)$/);
  await section('devices').locator('[name="deviceName"]').fill('Kiosk ved indgangen');
  await section('devices').locator('[name="deviceKind"]').selectOption('kiosk');
  await page.click('[data-testid="create-device"]');
  await page.waitForSelector('[data-testid="new-token"]');
  const url = await page.locator('#device-url').inputValue();
  expect(url).toMatch(new RegExp(`/kiosk/${site.slug}#token=`));
  const token = decodeURIComponent(url.split('#token=')[1]);
  await expectAccessible(page, 'devices with a new token shown', { include: '[data-section="devices"]' });
  const row = section('devices').locator('[data-device="Kiosk ved indgangen"]');
  expect(await row.locator('[data-field="last-seen"]').textContent()).toBe('Endnu ikke set');

  // The kiosk uses its token; the page shows when.
  expectStatus(await sys.triage.as(token).get(`/sites/${site.siteId}/services`), 200);
  await freshPage();
  expect(await page.locator('[data-testid="new-token"]').count()).toBe(0); // shown once
  expect(await row.locator('[data-field="last-seen"]').textContent()).toMatch(/^I dag \d\d\.\d\d$/);

  await row.locator('[data-action="revoke"]').click();
  expectStatus(await sys.triage.as(token).get(`/sites/${site.siteId}/services`), 200); // not yet: only asked
  await row.locator('[data-action="confirm-revoke"]').click();
  await page.waitForSelector('[data-testid="status-revoke"]:has-text("Kiosk ved indgangen er spærret.")');
  expect(await row.textContent()).toContain('Spærret');
  expectStatus(await sys.triage.as(token).get(`/sites/${site.siteId}/services`), 401);
});

test('site: name, weekly hours, a closed day and settings are saved; an interval that closes before it opens is refused in Danish before sending', async () => {
  await freshPage();
  const s = section('site');
  await s.locator('[name="siteName"]').fill('Borgerservice Rådhuset');
  await s.locator('[name="hours-mon"]').fill('08:00-12:00, 13:00-17:30');
  await s.locator('[name="hours-sat"]').fill('');
  await page.click('[data-testid="add-exception"]');
  const exception = s.locator('[data-exception]').last();
  await exception.locator('[name="exceptionDate"]').fill('2026-12-24');
  await exception.locator('[name="exceptionReason"]').fill('Juleaften');
  expect(await exception.locator('[name="exceptionClosed"]').isChecked()).toBe(true);
  await s.locator('[name="waitWarningPercent"]').fill('60');
  await s.locator('[name="pauseAlertMinutes"]').fill('20');
  await s.locator('[name="framing"][value="listed"]').check();
  await s.locator('[name="origins"]').fill('https://www.aarhus.dk\nhttps://*.aarhus.dk');
  await s.locator('[name="policy"]').selectOption('fifo');
  await s.locator('[name="displaySound"]').selectOption('on');
  await s.locator('[name="logo"]').fill('https://www.aarhus.dk/logo.svg');
  await s.locator('[name="primaryColor"]').fill('#ffd700'); // too light for the kiosk's white button text
  await page.click('[data-testid="save-site"]');
  await page.waitForSelector('#primaryColor-problem');
  expect(await page.locator('#primaryColor-problem').textContent()).toBe('Farven er for lys til hvid tekst (kræver kontrast 4,5:1).');
  await s.locator('[name="primaryColor"]').fill('#00507A');
  await saveAndWait('site');
  const saved = await eventually(async () => (await admin().get(`/sites/${site.siteId}`)).body, (b) => b.name === 'Borgerservice Rådhuset');
  expect(saved.openingHours.weekly.mon).toEqual([{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '17:30' }]);
  expect(saved.openingHours.weekly.sat).toEqual([]);
  expect(saved.openingHours.exceptions).toEqual([{ date: '2026-12-24', intervals: [], reason: 'Juleaften' }]);
  expect(saved.settings).toMatchObject({ waitWarningShare: 0.6, pauseAlertMinutes: 20, widgetFrameAncestors: ['https://www.aarhus.dk', 'https://*.aarhus.dk'] });
  expect(saved.ordering.policy).toBe('fifo');
  expect(saved.settings).toMatchObject({ displaySound: 'on', branding: { logo: 'https://www.aarhus.dk/logo.svg', primaryColor: '#00507a' } });

  await s.locator('[name="hours-tue"]').fill('17:00-09:00');
  await page.click('[data-testid="save-site"]');
  await page.waitForSelector('#hours-tue-problem');
  expect(await page.locator('#hours-tue-problem').textContent()).toBe('Lukketiden skal være efter åbningstiden.');
  expect(await errorOf('site').textContent()).toBe('Ikke gemt: ret de markerede felter.');
  expect(await page.locator('[name="hours-tue"]').getAttribute('aria-describedby')).toBe('hours-tue-problem');
  expect((await admin().get(`/sites/${site.siteId}`)).body.openingHours.weekly.tue).toEqual([{ opens: '00:00', closes: '24:00' }]);
});

test('lists: a topic added with its labels and moved to the top, a flag relabelled, a referral target removed', async () => {
  await freshPage();
  const before = (await admin().get(`/sites/${site.siteId}`)).body.settings;
  const topics = section('lists').locator('[data-list="topics"]');
  await topics.locator('[data-action="add-entry"]').click();
  const added = topics.locator('.list-row').last();
  await added.locator('[name="label-da"]').fill('Sundhedskort');
  await added.locator('[name="label-en"]').fill('Health card');
  for (let i = 0; i < before.topics.length; i++) await topics.getByRole('button', { name: 'Flyt Sundhedskort op' }).click();
  const flag = section('lists').locator('[data-list="flags"] [data-entry="interpreter"]');
  await flag.locator('[name="label-da"]').fill('Tolk (bestilt)');
  const targets = section('lists').locator('[data-list="referralTargets"]');
  const removed = before.referralTargets[before.referralTargets.length - 1];
  await targets.getByRole('button', { name: `Fjern ${removed.labels.da}` }).click();
  await saveAndWait('lists');
  const settings = (await admin().get(`/sites/${site.siteId}`)).body.settings;
  expect(settings.topics[0]).toEqual({ key: 'sundhedskort', labels: { da: 'Sundhedskort', en: 'Health card', de: 'Sundhedskort' } });
  expect(settings.topics.slice(1)).toEqual(before.topics);
  expect(settings.flags.find((f: { key: string }) => f.key === 'interpreter').labels.da).toBe('Tolk (bestilt)');
  expect(settings.referralTargets).toEqual(before.referralTargets.slice(0, -1));
});

test('a floor user who opens the configuration page is told plainly, can log out, and the API refuses too', async () => {
  const floorPage = await staffPage(browser, sys, site.tokens.floor, `/admin/${site.slug}`);
  await floorPage.waitForSelector('[data-testid="no-access"]');
  expect(await floorPage.locator('[data-testid="no-access"]').textContent()).toContain('Kun administratorer');
  expect(await floorPage.locator('[data-section]').count()).toBe(0);
  await expectAccessible(floorPage, 'configuration refused');
  expectStatus(await sys.triage.as(site.tokens.floor).patch(`/sites/${site.siteId}`, { name: 'x' }), 403);
  expectStatus(await sys.triage.as(site.tokens.floor).get(`/sites/${site.siteId}/devices`), 403);
  // Last: logging out ends the floor user's token.
  await floorPage.click('[data-testid="no-access"] [data-testid="logout"]');
  await floorPage.waitForSelector('input[name="username"]');
  await floorPage.context().close();
});
