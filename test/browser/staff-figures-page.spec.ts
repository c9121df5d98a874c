/**
 * Per-person figures ("Medarbejdertal") through the pages: an administrator gives notice in the configuration
 * (a start within six weeks is refused, in Danish), staff read when and why before the start, then each person
 * their own figures (the view audited) and a supervisor the teams of at least five persons, never a person;
 * switching off asks first. The server's clock is a SettableClock and each browser is held at the same time,
 * so "today", the date picker's min and the period's quick choices agree with the server's calendar.
 * The figures themselves are the endpoints' (test/e2e/staff-figures.spec.ts); here they are checked as shown.
 */
import { Browser, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { SettableClock } from '../support/booking';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import type { Api } from '../support/http';
import { type Lang, describeLeaks, languageFiles, languageLeaks, pageTexts } from '../support/page-texts';
import { type Desk, PLAN, PURPOSE, addDesks, at, auditOf, figures, serve } from '../support/staff-figures';
import { TestSystem, startSystem } from '../support/system';
import { openCounterPage } from './counter-pages';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

const OFFICE = { width: 1366, height: 900 };
const clock = new SettableClock(at('2027-01-04'));
let sys: TestSystem;
let browser: Browser;
let f: SiteFixture;
let admin: Api;
let desks: Desk[];
let siteName: string;

beforeAll(async () => {
  sys = await startSystem({ clock });
  f = await seedSite(sys, { services: 2, counters: 6 });
  admin = sys.triage.as(f.tokens.admin);
  desks = await addDesks(sys, f, 6);
  siteName = (await admin.get(`/sites/${f.siteId}`)).body.name;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const open = (token: string, path: string, viewport = OFFICE) => staffPage(browser, sys, token, path, viewport, clock.now());
const figuresPage = (token: string, lang = 'da') => open(token, `/staff-figures/${f.slug}?lang=${lang}`);
const notice = async () => (await admin.get(`/sites/${f.siteId}`)).body.settings.staffFigures;

async function adminSection(): Promise<Page> {
  const page = await open(f.tokens.admin, `/admin/${f.slug}#staff-figures`);
  await page.waitForSelector('[data-section="staff-figures"]', { timeout: 10_000 });
  return page;
}

test('an admin gives notice: a start within six weeks is refused in Danish, six weeks ahead is announced', async () => {
  const page = await adminSection();
  await showingPageOnFailure(page, async () => {
    const section = page.locator('[data-section="staff-figures"]');
    expect(await section.getByTestId('staff-figures-state').getAttribute('data-state')).toBe('off');
    // Today at the site is 4 January 2027: six weeks (42 days) ahead is 15 February.
    const date = section.locator('input[name=startsOn]');
    expect(await date.getAttribute('min')).toBe('2027-02-15');
    expect(await section.locator('#staff-figures-starts-on-hint').textContent()).toBe(
      'Skal varsles mindst seks uger (42 dage) før: tidligst 15. feb. 2027. En senere start med samme formål beholder varslet.',
    );
    await expectAccessible(page, 'configuration: staff figures off', { include: '[data-section="staff-figures"]' });

    await section.locator('textarea[name=purpose]').fill(PURPOSE);
    await date.fill('2027-02-14');
    await section.getByTestId('save-staff-figures').click();
    const refusal = section.getByTestId('error-staff-figures');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toBe(
      'Tal for den enkelte medarbejder er en kontrolforanstaltning og skal varsles seks uger før: vælg en startdato 15. feb. 2027 eller senere.',
    );
    expect(await notice()).toBeUndefined();
    await expectAccessible(page, 'configuration: staff figures notice refused', { include: '[data-section="staff-figures"]' });

    await date.fill('2027-02-15');
    await section.getByTestId('save-staff-figures').click();
    await section.locator('[data-testid="status-staff-figures"]:has-text("Varslet")').waitFor({ timeout: 10_000 });
    expect(await section.getByTestId('status-staff-figures').textContent()).toBe('Varslet: medarbejdertal starter 15. feb. 2027.');
    const state = section.getByTestId('staff-figures-state');
    expect(await state.getAttribute('data-state')).toBe('announced');
    expect(await state.locator('strong').textContent()).toBe('Varslet: medarbejdertal starter 15. feb. 2027 (om 42 dage).');
    expect(await state.getByTestId('staff-figures-purpose').textContent()).toBe(PURPOSE);
    expect(await notice()).toEqual({ purpose: PURPOSE, startsOn: '2027-02-15', noticeGivenOn: '2027-01-04' });
    expect(await auditOf(admin, f.siteId, '2027-01-04', 'staff_figures.announced')).toHaveLength(1);
    await expectAccessible(page, 'configuration: staff figures announced', { include: '[data-section="staff-figures"]' });
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-figures-admin-announced');
  });
  await page.context().close();
});

test('before the start, counter staff read when figures start and why; the counter links the page; nothing is viewed', async () => {
  const page = await figuresPage(desks[0].token);
  await showingPageOnFailure(page, async () => {
    const off = page.getByTestId('figures-off');
    expect(await off.getAttribute('data-starts-on')).toBe('2027-02-15');
    expect(await off.locator('strong').textContent()).toBe('Medarbejdertal starter 15. feb. 2027. Indtil da vises der ingen tal.');
    expect(await off.textContent()).toContain(`Formål: ${PURPOSE}`);
    expect(await page.getByTestId('logged-notice').textContent()).toContain('bliver det logget');
    // No period has figures yet, so none is offered.
    expect(await page.locator('form.figures-period').count()).toBe(0);
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Medarbejdertal');
    await expectAccessible(page, 'staff figures: not started yet');
    await screenshot(page, 'staff-figures-not-started');
  });
  await page.context().close();
  expect(await auditOf(admin, f.siteId, '2027-01-04', 'staff_figures.viewed')).toEqual([]);

  // Counter staff work on the counter page: once the site has given notice it links their figures.
  const counter = await openCounterPage(browser, sys, f, f.counters[0].id, desks[0].username);
  await showingPageOnFailure(counter, async () => {
    const link = counter.locator('.bar .links a', { hasText: 'Mine tal' });
    expect(await link.getAttribute('href')).toBe(`${sys.triage.baseUrl.replace(/\/api\/v1$/, '')}/staff-figures/${f.slug}`);
  });
  await counter.close();
});

describe('from the start day', () => {
  beforeAll(async () => {
    clock.set(at('2027-02-15'));
    for (const v of PLAN) await serve(sys, f, clock, desks, v.desk, v.service, v.seconds);
  });

  test('a counter user sees their own figures per service, no team figures, and the view is audited', async () => {
    const page = await figuresPage(desks[0].token);
    await showingPageOnFailure(page, async () => {
      const own = page.getByTestId('own-figures');
      await own.waitFor({ timeout: 10_000 });
      // "Denne måned" is 1–15 February; the figures cover the days from the start only.
      expect(await page.locator('[data-period=thisMonth]').getAttribute('aria-pressed')).toBe('true');
      expect(await own.getByTestId('covered').textContent()).toBe(
        'Tallene dækker 15. feb. 2027 – 15. feb. 2027. Medarbejdertal startede 15. feb. 2027 – der er ingen tal fra før.',
      );
      const mine = figures(PLAN.filter((v) => v.desk === 0).map((v) => ({ ...v, date: '2027-02-15' })));
      expect(mine).toEqual({ served: 3, handlingMeanMinutes: 8.5, handlingP90Minutes: 12 });
      const row = own.locator(`tr[data-service="${f.services[0].id}"]`);
      expect(await row.locator('th').textContent()).toBe('Ydelse 0');
      expect(await row.locator('td').allTextContents()).toEqual(['3', '8,5', '12,0']);
      expect(await own.locator('tbody tr').count()).toBe(1);
      expect(await page.getByTestId('team-figures').count()).toBe(0);
      expect(await page.getByTestId('purpose').textContent()).toBe(PURPOSE);
      await expectAccessible(page, 'staff figures: own');
      await screenshot(page, 'staff-figures-own');

      const [view] = await auditOf(admin, f.siteId, '2027-02-15', 'staff_figures.viewed');
      expect(view).toMatchObject({
        actorId: desks[0].id,
        subjectType: 'user',
        subjectId: desks[0].id,
        details: { from: '2027-02-15', to: '2027-02-15' },
      });

      // Last month lies wholly before the start: said so, no table (and still a view of one's figures).
      await page.click('[data-period=lastMonth]');
      await page.getByTestId('before-start').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('before-start').textContent()).toBe(
        'Perioden ligger før medarbejdertal startede 15. feb. 2027: der er ingen tal.',
      );
      expect(await own.locator('table').count()).toBe(0);
      expect(await auditOf(admin, f.siteId, '2027-02-15', 'staff_figures.viewed')).toHaveLength(2);
    });
    await page.context().close();
  });

  test('a supervisor sees team figures for a service five persons served, not for one two served, and no person', async () => {
    const page = await figuresPage(f.tokens.supervisor);
    await showingPageOnFailure(page, async () => {
      const teams = page.getByTestId('team-figures');
      await teams.waitFor({ timeout: 10_000 });
      expect(await teams.locator('tbody th').allTextContents()).toEqual(['Ydelse 0', 'Ydelse 1']);
      const team = teams.locator(`tr[data-service="${f.services[0].id}"]`);
      expect(await team.getAttribute('data-shown')).toBe('true');
      const five = figures(PLAN.filter((v) => v.service === 0).map((v) => ({ ...v, date: '2027-02-15' })));
      const minutes = (v: number | null) => (v === null ? '–' : v.toFixed(1).replace('.', ','));
      expect(await team.locator('td').allTextContents()).toEqual([
        '5',
        String(five.served),
        minutes(five.handlingMeanMinutes),
        minutes(five.handlingP90Minutes),
      ]);
      const withheld = teams.locator(`tr[data-service="${f.services[1].id}"]`);
      expect(await withheld.getAttribute('data-shown')).toBe('false');
      expect(await withheld.locator('td').allTextContents()).toEqual(['Vises ikke: færre end 5 personer']);
      // The supervisor served no one: their own table is empty, said plainly.
      expect(await page.getByTestId('own-empty').textContent()).toBe('Du har ikke afsluttet nogen besøg i perioden.');
      const text = await page.evaluate(() => document.body.innerText);
      for (const d of desks) expect(text).not.toContain(`Desk ${d.username.split('-').pop()}`);
      await expectAccessible(page, 'staff figures: teams');
      await screenshot(page, 'staff-figures-teams');
    });
    await page.context().close();
  });

  test.each(['en', 'de'] as const)('the supervisor’s page in %s has no Danish left', async (lang: Lang) => {
    const page = await figuresPage(f.tokens.supervisor, lang);
    await showingPageOnFailure(page, async () => {
      await page.getByTestId('team-figures').waitFor({ timeout: 10_000 });
      const named = [siteName, PURPOSE, 'supervisor user', 'Ydelse 0', 'Ydelse 1', 'Service 0', 'Service 1', 'Dienst 0', 'Dienst 1'];
      const leaks = languageLeaks(await pageTexts(page), lang, languageFiles(), { da: named, en: named, de: named });
      expect(describeLeaks(`staff figures (${lang})`, leaks)).toEqual([]);
      expect(await page.locator('#teams-title').textContent()).toBe(lang === 'en' ? 'Team figures' : 'Teamzahlen');
      await expectAccessible(page, `staff figures: teams (${lang})`);
    });
    await page.context().close();
  });

  test('switching off asks first, takes effect at once, and the page then says the site does not use them', async () => {
    const page = await adminSection();
    await showingPageOnFailure(page, async () => {
      const section = page.locator('[data-section="staff-figures"]');
      const state = section.getByTestId('staff-figures-state');
      expect(await state.getAttribute('data-state')).toBe('on');
      expect(await state.locator('strong').textContent()).toBe('Slået til: medarbejdertal vises fra 15. feb. 2027.');
      await section.locator('[data-action=switch-off]').click();
      expect(await section.locator('#staff-figures-confirm').textContent()).toContain('Slå medarbejdertal fra med det samme?');
      await expectAccessible(page, 'configuration: switching staff figures off', { include: '[data-section="staff-figures"]' });
      expect(await notice()).toBeDefined();
      await section.locator('[data-action=confirm-switch-off]').click();
      await section.locator('[data-testid="status-staff-figures-off"]:has-text("slået fra")').waitFor({ timeout: 10_000 });
      expect(await state.getAttribute('data-state')).toBe('off');
      expect(await notice()).toBeUndefined();
      expect(await auditOf(admin, f.siteId, '2027-02-15', 'staff_figures.switched_off')).toHaveLength(1);
    });
    await page.context().close();

    const own = await figuresPage(desks[0].token);
    await showingPageOnFailure(own, async () => {
      const off = own.getByTestId('figures-off');
      expect(await off.getAttribute('data-starts-on')).toBe('');
      expect(await off.textContent()).toBe(`${siteName} bruger ikke tal for den enkelte medarbejder. Der er ingen tal at vise.`);
      await expectAccessible(own, 'staff figures: off');
      await screenshot(own, 'staff-figures-off');
    });
    await own.context().close();
  });
});
