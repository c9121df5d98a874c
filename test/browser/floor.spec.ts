import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { openCounterPage } from './counter-pages';
import { auditTrail, counterChannel, staffPage } from './floor-helpers';

jest.setTimeout(90_000);

let sys: TestSystem;
let browser: Browser;
let site: SiteFixture;
let page: Page;

beforeAll(async () => {
  sys = await startSystem({ runWorkers: true });
  // Short targets: a one-minute target with the warning at 5 % raises the warning after 3 seconds.
  site = await seedSite(sys, { targetWaitMinutes: 1, settings: { waitWarningShare: 0.05 } });
  browser = await launchBrowser();
  page = await staffPage(browser, sys, site.tokens.floor, `/floor/${site.slug}`);
  page.on('pageerror', (e) => console.log('page error', e));
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const status = () => page.locator('[data-testid="triage-status"]');
const floorApi = () => sys.triage.as(site.tokens.floor);
const today = async () => (await sys.triage.as(site.tokens.supervisor).get(`/sites/${site.siteId}/dashboard`)).body.today;

test('each triage outcome takes at most three taps and is recorded as an encounter', async () => {
  await page.getByRole('button', { name: 'Løst på stedet' }).tap();
  await page.getByRole('button', { name: 'MitID', exact: true }).tap();
  await status().filter({ hasText: 'Registreret: MitID' }).waitFor({ timeout: 5000 });

  await page.getByRole('button', { name: 'Selvbetjening' }).tap();
  await page.getByRole('button', { name: 'Egen telefon' }).tap();
  await status().filter({ hasText: 'Registreret: Egen telefon' }).waitFor({ timeout: 5000 });

  await page.getByRole('button', { name: 'Henvist' }).tap();
  await page.getByRole('button', { name: 'Skattestyrelsen' }).tap();
  await status().filter({ hasText: 'Registreret: Skattestyrelsen' }).waitFor({ timeout: 5000 });

  await page.getByRole('button', { name: 'Nummer', exact: true }).tap();
  await page.getByRole('button', { name: 'Tolk' }).tap();
  await page.getByPlaceholder('Note til skranken').fill('Skal forny pas, har billede med');
  await page.locator('button[data-service="svc-0"]').tap();
  await status().filter({ hasText: /Nummer P\d{3} udstedt/ }).waitFor({ timeout: 5000 });

  const figures = await today();
  expect(figures.resolvedOnSpot).toBe(1);
  expect(figures.selfService).toBe(1);
  expect(figures.referrals).toEqual([{ target: 'skat', count: 1 }]);
  expect(figures.encounters.ticket).toBe(1);
});

test('a ticket issued from the tablet reaches the counter page with its note and flags, and leaves the waiting list', async () => {
  await page.locator('li[data-ticket^="P"]').filter({ hasText: 'Skal forny pas' }).waitFor({ timeout: 5000 });
  const counter = await openCounterPage(browser, sys, site, site.counters[0].id);
  await counter.click('[data-k=open]');
  await counter.waitForSelector('[data-state=open]');
  await counter.click('[data-k=call-1]');
  await counter.locator('.ticket-note').filter({ hasText: 'Skal forny pas, har billede med' }).waitFor({ timeout: 5000 });
  // The flag by its Danish name from the site's flag list, never its key.
  expect(await counter.locator('.ticket-flags .flag').allTextContents()).toEqual(['Tolk']);
  await page.locator('li[data-ticket]').filter({ hasText: 'Skal forny pas' }).waitFor({ state: 'detached', timeout: 5000 });
  await counter.click('[data-k="finish-1-resolved"]');
  await counter.waitForSelector('[data-seat="1"].free', { timeout: 5000 });
  await counter.close();
});

test('a note that looks like a CPR number is refused with a clear message and no ticket is issued', async () => {
  const before = (await floorApi().get(`/sites/${site.siteId}/floor-state`)).body.services[1].waiting;
  await page.getByRole('button', { name: 'Nummer', exact: true }).tap();
  await page.getByPlaceholder('Note til skranken').fill('cpr 0101901234');
  await page.locator('button[data-service="svc-1"]').tap();
  await status().filter({ hasText: 'ligner et CPR-nummer' }).waitFor({ timeout: 5000 });
  expect((await floorApi().get(`/sites/${site.siteId}/floor-state`)).body.services[1].waiting).toBe(before);
  await page.getByRole('button', { name: 'Tilbage' }).tap();
});

test('a wait alert appears without reload when a ticket passes its warning share, and goes when it is called', async () => {
  const [ticket] = await issueTickets(sys, site, site.services[2].id, 1);
  const alert = page.locator(`[data-alert="warning:${ticket.id}"]`);
  await alert.waitFor({ timeout: 15_000 });
  await expect(alert.textContent()).resolves.toContain(`${ticket.number} nærmer sig ventetidsmålet`);
  await expect(alert.textContent()).resolves.toMatch(/kan kalde|Åbn|Flyt/);
  await screenshot(page, 'floor-tablet');
  const called = await sys.counterDisplay[0].as(site.tokens.counter).post(`/counters/${site.counters[0].id}/call-next`);
  expect(called.body.ticket.id).toBe(ticket.id);
  await alert.waitFor({ state: 'detached', timeout: 5000 });
  expectStatus(await sys.counterDisplay[0].as(site.tokens.counter).post(`/tickets/${ticket.id}/finish`, { outcome: 'resolved' }), 200);
});

test('moving, re-prioritising and cancelling from the tablet are audited and reach the counter at once', async () => {
  const [ticket] = await issueTickets(sys, site, site.services[0].id, 1);
  const counter = await counterChannel(sys, site.tokens.counter, site.siteId);
  const users = (await sys.triage.as(site.tokens.admin).get('/users')).body;
  const floorUser = users.find((u: any) => u.username === `floor-${site.slug}`);
  const row = () => page.locator(`li[data-ticket="${ticket.number}"]`);
  const find = (type: string) => counter.events.find((e) => e.type === type && (e.payload.id ?? e.payload.ticketId) === ticket.id);
  const seen = async (type: string) => {
    for (let i = 0; i < 50 && !find(type); i++) await new Promise((r) => setTimeout(r, 100));
    return find(type);
  };

  await row().waitFor({ timeout: 5000 });
  await row().getByRole('button', { name: 'Flyt' }).tap();
  await row().locator('button[data-move-to="svc-1"]').tap();
  expect((await seen('ticket.transferred'))?.payload.serviceId).toBe(site.services[1].id);

  await row().getByRole('button', { name: 'Prioritér' }).tap();
  expect((await seen('ticket.updated'))?.payload.priority).toBe(1);
  await row().locator('.badge', { hasText: 'prioriteret' }).waitFor({ timeout: 5000 });

  await row().getByRole('button', { name: 'Borgeren er gået' }).tap();
  await row().locator(`button[data-confirm-cancel="${ticket.number}"]`).tap();
  expect(await seen('ticket.cancelled')).toBeTruthy();
  await row().waitFor({ state: 'detached', timeout: 5000 });
  counter.socket.close();

  const trail = await auditTrail(sys, ticket.id);
  for (const type of ['ticket.transferred', 'ticket.updated', 'ticket.cancelled']) {
    expect(trail.find((e) => e.type === type)?.actor_user_id).toBe(floorUser.id);
  }
});

test('a slow answer from before a call does not put the called ticket back on the waiting list', async () => {
  // The next answer of the floor state is held back 1.5 s after the server gave it: it shows the room as it was.
  let hold = true;
  let held = 0;
  await page.route('**/floor-state', async (route) => {
    const response = await route.fetch();
    if (hold) {
      hold = false;
      held++;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.fulfill({ response });
  });
  const [ticket] = await issueTickets(sys, site, site.services[0].id, 1);
  const row = page.locator(`li[data-ticket="${ticket.number}"]`);
  // The issue's refresh is on its way (held) when the ticket is called.
  for (let i = 0; i < 50 && !held; i++) await new Promise((r) => setTimeout(r, 50));
  expect(held).toBe(1);
  const called = await sys.counterDisplay[0].as(site.tokens.counter).post(`/counters/${site.counters[0].id}/call/${ticket.id}`);
  expectStatus(called, 200);
  // After the held answer has landed, the list is the room after the call.
  await new Promise((r) => setTimeout(r, 2500));
  expect(await row.count()).toBe(0);
  await page.unroute('**/floor-state');
  expectStatus(await sys.counterDisplay[0].as(site.tokens.counter).post(`/tickets/${ticket.id}/finish`, { outcome: 'resolved' }), 200);
});
