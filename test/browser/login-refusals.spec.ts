/**
 * The staff login forms (counter; floor, dashboard and admin share one) say why
 * a login was refused in the page's language, with the wait, from the code and
 * `retryAfterSeconds` of the answer, never the server's English message.
 */
import { Browser, Page } from 'playwright-core';
import { Clock } from '../../libs/core/src/clock';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

/** Stands still unless moved, so the waits shown are exact. */
class ManualClock extends Clock {
  private at = Date.now();
  now() {
    return new Date(this.at);
  }
  advance(seconds: number) {
    this.at += seconds * 1000;
  }
}

const clock = new ManualClock();
let sys: TestSystem;
let browser: Browser;
let site: SiteFixture;

beforeAll(async () => {
  sys = await startSystem({ clock });
  site = await seedSite(sys);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

/** Wrong passwords for `username` through the API, moving the clock past each wait. */
async function guess(username: string, waits: number[]) {
  for (const wait of waits) {
    clock.advance(wait);
    expectStatus(await sys.triage.post('/auth/login', { username, password: 'wrong-guess' }), 401);
  }
}

async function newUser(name: string, role: string) {
  const username = `${name}-${site.slug}`;
  expectStatus(
    await sys.triage
      .as(site.tokens.admin)
      .post('/users', { username, password: 'password-123', displayName: name, roles: [{ siteId: site.siteId, role }] }),
    201,
  );
  return username;
}

async function refusalShown(page: Page, url: string, fields: { user: string; pass: string }, username: string): Promise<string> {
  return showingPageOnFailure(page, async () => {
    await page.goto(url);
    await page.fill(fields.user, username);
    await page.fill(fields.pass, 'password-123');
    await page.click('button[type=submit]');
    const alert = page.locator('p.error[role=alert]');
    await alert.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    return (await alert.textContent()) ?? '';
  });
}

const COUNTER = { user: '#username', pass: '#password' };
const TRIAGE = { user: 'input[name=username]', pass: 'input[name=password]' };

test('a locked login is told so, with the minutes left, on the counter page and the triage pages in each language', async () => {
  const username = await newUser('locked', 'floor');
  await guess(username, [0, 0, 0, 0, 0, 1, 2, 4, 8, 16]);
  clock.advance(5 * 60);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  expect(await refusalShown(page, `${sys.counterDisplayUrls[0]}/counter?lang=en`, COUNTER, username)).toBe(
    'Too many wrong passwords: this login is locked. Try again in 10 min, or ask an administrator to unlock it.',
  );
  await screenshot(page, 'counter-login-locked');
  const triage = sys.triage.baseUrl.replace(/\/api\/v1$/, '');
  expect(await refusalShown(page, `${triage}/floor/${site.slug}`, TRIAGE, username)).toBe(
    'For mange forkerte adgangskoder: brugeren er låst. Prøv igen om 10 min., eller bed en administrator om at låse op.',
  );
  expect(await refusalShown(page, `${triage}/admin/${site.slug}?lang=de`, TRIAGE, username)).toBe(
    'Zu viele falsche Passwörter: Diese Anmeldung ist gesperrt. Versuchen Sie es in 10 Min. erneut oder bitten Sie einen Administrator, sie zu entsperren.',
  );
  await page.close();
});

test('a login that must wait is told how many seconds, and a wrong password is told so', async () => {
  const username = await newUser('waiting', 'supervisor');
  await guess(username, [0, 0, 0, 0, 0, 1, 2]);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const triage = sys.triage.baseUrl.replace(/\/api\/v1$/, '');
  expect(await refusalShown(page, `${triage}/dashboard/${site.slug}?lang=en`, TRIAGE, username)).toBe(
    'Too many wrong passwords. Try again in 4 s.',
  );
  expect(await refusalShown(page, `${sys.counterDisplayUrls[0]}/counter?lang=de`, COUNTER, `${username}-typo`)).toBe(
    'Falscher Benutzername oder falsches Passwort.',
  );
  await page.close();
});
