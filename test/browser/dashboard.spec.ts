import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
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
  site = await seedSite(sys, { settings: { noShowMinRecalls: 1 } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

/** A morning of 40 visits: 10 resolved at the door, 5 to self-service, 5 referred, 20 tickets (8 from the floor). */
async function scriptedMorning() {
  const floor = sys.triage.as(site.tokens.floor);
  const encounter = async (body: unknown) => expectStatus(await floor.post(`/sites/${site.siteId}/encounters`, body), 201);
  // Open before the first ticket, so every ticket is shown an estimate that today's accuracy can score.
  await openCounter(sys, site, site.counters[0].id);
  for (let i = 0; i < 10; i++) await encounter({ outcome: 'resolved-on-spot', topic: 'mitid' });
  for (let i = 0; i < 5; i++) await encounter({ outcome: 'self-service', topic: 'pc' });
  for (const target of ['skat', 'skat', 'skat', 'udbetaling-danmark', 'udbetaling-danmark']) await encounter({ outcome: 'referred', referralTarget: target });
  for (let i = 0; i < 8; i++) await encounter({ outcome: 'ticket', ticket: { serviceId: site.services[i % 2].id, flags: ['interpreter'] } });
  await issueTickets(sys, site, site.services[0].id, 6);
  await issueTickets(sys, site, site.services[1].id, 6);
  const counter = sys.counterDisplay[0].as(site.tokens.counter);
  const outcomes = ['resolved', 'resolved', 'resolved', 'self-service', 'referred-back-office'] as const;
  // 15 served (helpModes on 10 of them), 2 no-shows; 3 cancelled by the floor; 0 left waiting.
  for (let i = 0; i < 17; i++) {
    const { body } = await counter.post(`/counters/${site.counters[0].id}/call-next`);
    if (i >= 15) {
      expectStatus(await counter.post(`/tickets/${body.ticket.id}/recall`), 200);
      expectStatus(await counter.post(`/tickets/${body.ticket.id}/no-show`), 200);
      continue;
    }
    const finish = { outcome: outcomes[i % 5], ...(i < 10 ? { helpMode: 'instruction' } : {}) };
    expectStatus(await counter.post(`/tickets/${body.ticket.id}/finish`, finish), 200);
  }
  const state = (await floor.get(`/sites/${site.siteId}/floor-state`)).body;
  const waiting = state.services.flatMap((s: any) => s.tickets);
  expect(waiting).toHaveLength(3);
  for (const t of waiting) expectStatus(await sys.counterDisplay[0].as(site.tokens.floor).post(`/tickets/${t.id}/cancel`), 200);
}

test("the dashboard's figures match the day's events after a scripted morning of 40 visits", async () => {
  await scriptedMorning();
  page = await staffPage(browser, sys, site.tokens.supervisor, `/dashboard/${site.slug}`, { width: 1280, height: 900 });
  const figure = async (id: string) => (await page.locator(`[data-figure="${id}"]`).textContent())?.trim();
  expect(await figure('issued')).toBe('20');
  expect(await figure('served')).toBe('15');
  expect(await figure('no-show')).toBe('2');
  expect(await figure('cancelled')).toBe('3');
  expect(await figure('resolved-on-spot')).toBe('10');
  expect(await figure('self-service')).toBe('5');
  const tally = (list: string, key: string) => page.locator(`[data-tally="${list}"] li[data-key="${key}"] b`).textContent();
  expect(await tally('referrals', 'skat')).toBe('3');
  expect(await tally('referrals', 'udbetaling-danmark')).toBe('2');
  expect(await tally('outcomes', 'resolved')).toBe('9');
  expect(await tally('outcomes', 'self-service')).toBe('3');
  expect(await tally('outcomes', 'referred-back-office')).toBe('3');
  expect(await tally('help-modes', 'instruction')).toBe('10');
  const hours = await page.locator('[data-hour]').count();
  expect(hours).toBeGreaterThanOrEqual(1);
  const within = await page.locator('tr[data-service="svc-0"] [data-cell="within"]').textContent();
  expect(within).toBe('100 % (mål 80 %)');
  // Accuracy in Danish numbers (a decimal comma), and in words beside the table.
  expect(await page.locator('tr[data-service="svc-0"] [data-cell="accuracy"]').textContent()).toMatch(/^±\d+,\d min · \d+ % i intervallet$/);
  expect(await page.locator('tr[data-service="total"] [data-cell="accuracy"]').textContent()).toMatch(/^±\d+,\d min · \d+ % i intervallet$/);
  expect(await page.getByTestId('accuracy-explained').textContent()).toMatch(/^Skønnene ramte i dag i gennemsnit \d+,\d min ved siden af den faktiske ventetid, og \d+ % af borgerne blev kaldt inden for det interval, de fik vist \(\d+ numre målt\)\./);
  // The last 14 days per service (issue 23): today's scored tickets are all there are; nothing calibrated yet.
  const api = (await sys.triage.as(site.tokens.supervisor).get(`/sites/${site.siteId}/estimate-accuracy`)).body;
  const recent = api.services.find((s: { serviceId: string }) => s.serviceId === site.services[0].id);
  const row = page.locator(`[data-testid="estimate-accuracy"] tr[data-service-id="${site.services[0].id}"]`);
  expect(await page.locator('#accuracy-title').textContent()).toBe('Skønnenes træfsikkerhed, seneste 14 dage');
  expect(await row.locator('th').textContent()).toBe('Ydelse 0');
  expect(await row.locator('[data-cell="scored"]').textContent()).toBe(String(recent.scored));
  expect(recent.scored).toBeGreaterThan(0);
  expect(await row.locator('[data-cell="mae"]').textContent()).toBe(`${String(recent.meanAbsoluteErrorMinutes.toFixed(1)).replace('.', ',')} min`);
  expect(await row.locator('[data-cell="within"]').textContent()).toBe(`${Math.round(100 * recent.withinRangeShare)} %`);
  expect(await row.locator('[data-cell="calibration"]').textContent()).toBe('ingen endnu');
  expect(await page.getByTestId('accuracy14-explained').textContent()).toMatch(/^Gns\. afvigelse er, hvor mange minutter den viste ventetid i gennemsnit ramte ved siden af den faktiske ventetid de seneste 14 dage\. Intervallet \(fx 8–15 min\) lover, at 8 af 10 borgere kaldes inden for det\./);
  // Messages to citizens today, per channel (none configured here).
  expect(await page.locator('[data-notifications] [data-channel="sms"]').textContent()).toBe('SMS 0 sendt, 0 leveret, 0 fejlet');
  expect(await page.locator('[data-notifications] [data-channel="email"]').textContent()).toBe(' · E-mail 0 sendt, 0 leveret, 0 fejlet');
  await screenshot(page, 'dashboard');
});

test('a supervisor pauses a counter and changes its service profile from the dashboard', async () => {
  const profile = page.locator(`tr[data-counter="${site.counters[1].name}"] [data-profile]`);
  await profile.getByRole('checkbox', { name: 'Ydelse 2' }).uncheck();
  await profile.getByRole('button', { name: 'Gem' }).click();
  const profileSize = async () => (await sys.triage.as(site.tokens.admin).get(`/sites/${site.siteId}/counters`)).body.find((c: any) => c.id === site.counters[1].id).serviceIds.length;
  for (let i = 0; i < 50 && (await profileSize()) !== 2; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await profileSize()).toBe(2);
  const row = page.locator(`tr[data-counter="${site.counters[0].name}"]`);
  await row.locator('button[data-action="pause"]').click();
  await row.locator('[data-state="paused"]').waitFor({ timeout: 5000 });
});
