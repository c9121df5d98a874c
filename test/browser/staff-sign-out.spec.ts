import { Browser, Page } from 'playwright-core';
import { launchBrowser, showingPageOnFailure } from '../support/browser';
import { login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { openCounterPage } from './counter-pages';
import { origin } from './floor-helpers';
import { until } from '../support/until';

/**
 * Staff pages sign out for real: "Log ud" ends the token on the server, and a
 * page whose token was ended elsewhere (logout on another page, the user
 * deactivated) goes back to its login screen by itself.
 */
describe('signing staff out of their pages', () => {
  let sys: TestSystem;
  let browser: Browser;
  let root: string;

  beforeAll(async () => {
    sys = await startSystem();
    browser = await launchBrowser();
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  /** The floor page, signed in through its login form as staff do (the token then lives in that tab only). */
  async function floorPage(slug: string, username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const urls = { ticketing: origin(sys.ticketing), triage: origin(sys.triage), counterDisplay: sys.counterDisplayUrls[0] };
    await context.route('**/app-config.json', (route) => route.fulfill({ json: { app: 'triage', urls } }));
    const page = await context.newPage();
    await page.goto(`${origin(sys.triage)}/floor/${slug}`);
    await page.fill('form.login input[name=username]', username);
    await page.fill('form.login input[name=password]', 'password-123');
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    return page;
  }

  const tokenOf = (page: Page) => page.evaluate(() => sessionStorage.getItem('skranke.staffToken'));
  const refused = async (token: string) => (await sys.triage.as(token).get('/sites')).status === 401;

  it('"Log ud" on the floor page ends the token on the server and shows the login', async () => {
    const f = await seedSite(sys);
    const page = await floorPage(f.slug, `floor-${f.slug}`);
    const token = (await tokenOf(page))!;
    await showingPageOnFailure(page, async () => {
      await page.click('[data-testid=logout]');
      await page.waitForSelector('form.login input[name=username]', { timeout: 10_000 });
    });
    expect(await refused(token)).toBe(true);
    await page.context().close();
  });

  it('a floor page whose token was logged out elsewhere goes back to the login', async () => {
    const f = await seedSite(sys);
    const page = await floorPage(f.slug, `supervisor-${f.slug}`);
    const token = (await tokenOf(page))!;
    expectStatus(await sys.counterDisplay[0].as(token).post('/auth/logout'), 204);
    await showingPageOnFailure(page, () => page.waitForSelector('form.login input[name=username]', { timeout: 10_000 }));
    await page.context().close();
  });

  it('the counter page of a deactivated user goes back to the login; its "Log ud" ends the token', async () => {
    const f = await seedSite(sys);
    const page = await openCounterPage(browser, sys, f, f.counters[0].id);
    const users = (await sys.triage.as(root).get('/users')).body as { id: string; username: string }[];
    const user = users.find((u) => u.username === `counter-${f.slug}`)!;
    expectStatus(await sys.triage.as(root).delete(`/users/${user.id}`), 200);
    await showingPageOnFailure(page, () => page.waitForSelector('#username', { timeout: 10_000 }));
    expect(await tokenOf(page)).toBeNull();

    expectStatus(await sys.triage.as(root).patch(`/users/${user.id}`, { active: true }), 200);
    await page.fill('#username', user.username);
    await page.fill('#password', 'password-123');
    await page.click('button[type=submit]');
    await page.waitForSelector('.bar h1', { timeout: 10_000 });
    const token = (await tokenOf(page))!;
    await showingPageOnFailure(page, async () => {
      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.waitForSelector('#username', { timeout: 10_000 });
    });
    await until(() => refused(token), 5);
    await page.close();
  });
});
