import { Browser } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { staffPage } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Issue 22, item 1 (the administrator's side): the mapping from the municipal login's role values to this site's
 * roles is edited on the configuration page. An entry is added and saved, read back from the API, and removed; an
 * empty value and a duplicate are marked before anything is sent; the entries of another site stay as they were.
 * Without a provider set up, the section says the roles apply once it is.
 */
describe('configuration page: the municipal login’s roles', () => {
  let sys: TestSystem;
  let browser: Browser;
  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('adds, saves and removes a value; marks an empty or repeated one; keeps another site’s entries', async () => {
    const site: SiteFixture = await seedSite(sys, { services: 1, counters: 1 });
    const other: SiteFixture = await seedSite(sys, { services: 1 });
    const api = sys.triage.as(site.tokens.admin);
    const elsewhere = { claim: 'Skranke.Andetsted.Leder', siteId: other.siteId, role: 'supervisor' };
    expectStatus(await api.put('/sso/role-mapping', { entries: [elsewhere] }), 200);
    const mine = async () =>
      ((await api.get('/sso/role-mapping')).body.entries as { claim: string; siteId: string; role: string }[]).filter(
        (e) => e.siteId === site.siteId,
      );

    const page = await staffPage(browser, sys, site.tokens.admin, `/admin/${site.slug}?lang=da`, { width: 1366, height: 900 });
    await showingPageOnFailure(page, async () => {
      const section = page.locator('[data-section="sso"]');
      await section.locator('[data-testid="sso-empty"]').waitFor();
      await section.locator('[data-testid="sso-configured"][data-configured="false"]').waitFor();

      await section.locator('[data-action="sso-add"]').click();
      await section.locator('[data-action="sso-add"]').click();
      // The first left empty, the second filled: nothing is sent, the empty one is marked.
      await section.locator('#sso-claim-1').fill('Skranke.Borgerservice.Skrankemedarbejder');
      await page.click('[data-testid="save-sso"]');
      await section.locator('#sso-claim-0-problem').waitFor();
      expect(await section.locator('#sso-claim-0').getAttribute('aria-invalid')).toBe('true');
      expect(await mine()).toEqual([]);
      // The same value and role twice: marked.
      await section.locator('#sso-claim-0').fill('Skranke.Borgerservice.Skrankemedarbejder');
      await page.click('[data-testid="save-sso"]');
      await section.locator('#sso-claim-1-problem').waitFor();
      expect(await section.locator('#sso-claim-1-problem').textContent()).toBe('Står der allerede.');

      await section.locator('tr[data-row="1"] select').selectOption('supervisor');
      await section.locator('#sso-claim-1').fill('Skranke.Borgerservice.Leder');
      await expectAccessible(page, 'configuration page, the municipal login’s roles (da)', { include: '[data-section="sso"]' });
      await page.click('[data-testid="save-sso"]');
      await page.waitForSelector('[data-testid="status-sso"]:has-text("Gemt")', { timeout: 15_000 });
      // The API answers the entries in its own order (by value).
      expect(await mine()).toEqual([
        { claim: 'Skranke.Borgerservice.Leder', siteId: site.siteId, role: 'supervisor' },
        { claim: 'Skranke.Borgerservice.Skrankemedarbejder', siteId: site.siteId, role: 'counter' },
      ]);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-sso-da-1366');

      await section.getByRole('button', { name: 'Fjern Skranke.Borgerservice.Skrankemedarbejder' }).click();
      await page.click('[data-testid="save-sso"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-section="sso"] tbody tr').length === 1);
      await page.waitForSelector('[data-testid="status-sso"]:has-text("Gemt")');
      expect(await mine()).toEqual([{ claim: 'Skranke.Borgerservice.Leder', siteId: site.siteId, role: 'supervisor' }]);
      // The other site's entry was sent back as it was.
      const all = (await api.get('/sso/role-mapping')).body.entries;
      expect(all).toContainEqual(elsewhere);
    });
  });
});
