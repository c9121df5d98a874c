import { Browser, BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { closeAllSockets, subscribed } from '../realtime/sockets';
import { axeViolations } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestOidcProvider, oidcEnv, startOidcProvider } from '../support/oidc';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { origin } from './floor-helpers';

jest.setTimeout(120_000);

/**
 * Staff sign in with the municipality's login (OpenID Connect) through the
 * real pages, against a real provider (oidc-provider in a child process):
 * the roles come from its `roles` claim through the administrator's mapping;
 * the page renews its short-lived token (SSO_TOKEN_MINUTES=1) by asking the
 * provider again, so a role removed there ends access and closes the open
 * socket; an answer whose state or nonce was tampered with is refused.
 */
describe('signing in with the municipality\'s login (OIDC)', () => {
  let provider: TestOidcProvider;
  let sys: TestSystem;
  let browser: Browser;
  let root: string;
  let f: SiteFixture;
  let db: Client;

  beforeAll(async () => {
    provider = await startOidcProvider();
    sys = await startSystem({ env: oidcEnv(provider.issuer, { SSO_TOKEN_MINUTES: '1' }) });
    await provider.register(origin(sys.triage));
    browser = await launchBrowser();
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
    f = await seedSite(sys);
    expectStatus(await sys.triage.as(root).put('/sso/role-mapping', { entries: [{ claim: 'Skranke.Borgerservice.Gulv', siteId: f.siteId, role: 'floor' }] }), 200);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    closeAllSockets();
    await db?.end();
    await browser?.close();
    await sys?.stop();
    await provider?.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const urls = { ticketing: origin(sys.ticketing), triage: origin(sys.triage), counterDisplay: sys.counterDisplayUrls[0] };
    await context.route('**/app-config.json', (route) => route.fulfill({ json: { app: 'triage', urls } }));
    return context;
  }

  /** From the floor page's login through the provider's sign-in form, back to the page. */
  async function signInAt(page: Page, account: string): Promise<void> {
    await page.goto(`${origin(sys.triage)}/floor/${f.slug}`);
    await page.click('[data-testid=sso-oidc]');
    await page.waitForURL((url) => url.origin === provider.issuer, { timeout: 10_000 });
    await page.fill('input[name=login]', account);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.origin === origin(sys.triage), { timeout: 10_000 });
  }

  const session = (page: Page) => page.evaluate(() => ({ token: sessionStorage.getItem('skranke.staffToken'), refresh: sessionStorage.getItem('skranke.refreshToken') }));

  it('offers the municipality\'s login beside the password login, and signs in with the mapped roles', async () => {
    await provider.setAccount('karen', { name: 'Karen Jensen', email: 'kaje@kommune.example.dk', roles: ['Skranke.Borgerservice.Gulv', `skranke:${f.slug}:supervisor`, 'Andet.System'] });
    const context = await newContext();
    const page = await context.newPage();
    await showingPageOnFailure(page, async () => {
      await page.goto(`${origin(sys.triage)}/floor/${f.slug}`);
      await page.waitForSelector('[data-testid=sso-oidc]');
      expect(await page.textContent('[data-testid=sso-oidc]')).toBe('Log ind med kommunens login');
      expect(await page.isVisible('form.login input[name=password]')).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'oidc-login-offered');

      await signInAt(page, 'karen');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    });
    // Nothing of the sign-in stays in the address: the one-time code was taken out of it.
    expect(new URL(page.url()).hash).toBe('');
    const { token, refresh } = await session(page);
    const me = await sys.triage.as(token!).get('/auth/me');
    expect(me.body).toMatchObject({ username: 'kaje@kommune.example.dk', displayName: 'Karen Jensen' });
    expect(me.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['floor', 'supervisor']);
    expect(refresh).toMatch(/^skr_/);
    // The token is good on every app, and short-lived.
    expectStatus(await sys.counterDisplay[0].as(token!).get(`/sites/${f.siteId}/display-state`), 200);
    const { exp, iat } = JSON.parse(Buffer.from(token!.split('.')[1], 'base64url').toString());
    expect(exp - iat).toBe(60);
    await context.close();
  });

  it('the page renews its token by asking the provider again; a role removed there ends access at that refresh and closes the open socket', async () => {
    await provider.setAccount('ole', { name: 'Ole Hansen', email: 'olha@kommune.example.dk', roles: [`skranke:${f.slug}:floor`] });
    const context = await newContext();
    const page = await context.newPage();
    // The page's clock is the test's: its renewal (at 3/4 of the token's minute) is run by moving it on.
    await page.clock.install();
    await showingPageOnFailure(page, async () => {
      await signInAt(page, 'ole');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    });
    const first = await session(page);

    await page.clock.fastForward(50_000);
    const renewed = await waitForSession(page, (s) => s.token !== first.token);
    expect(renewed.refresh).not.toBe(first.refresh);
    expectStatus(await sys.triage.as(renewed.token!).get(`/sites/${f.siteId}/floor-state`), 200);

    const socket = await subscribed(sys.counterDisplayUrls[0], renewed.token!, { siteId: f.siteId, channel: 'floor' });
    const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    await provider.setAccount('ole', { name: 'Ole Hansen', email: 'olha@kommune.example.dk', roles: [] });
    await page.clock.fastForward(50_000);
    await showingPageOnFailure(page, () => page.waitForSelector('form.login input[name=username]', { timeout: 15_000 }));
    expect(await closed).toBe('io server disconnect');
    expect((await sys.triage.as(renewed.token!).get('/auth/me')).status).toBe(401);
    expect(await session(page)).toEqual({ token: null, refresh: null });
    const user = await db.query(`SELECT u.active, i.roles_lost FROM staff_user u JOIN sso_identity i ON i.user_id = u.id WHERE u.username = 'olha@kommune.example.dk'`);
    expect(user.rows).toEqual([{ active: false, roles_lost: true }]);

    // Signing in again is refused with the reason, on the page, until the provider gives a role back.
    await showingPageOnFailure(page, async () => {
      await page.click('[data-testid=sso-oidc]');
      await page.waitForURL((url) => url.origin === origin(sys.triage) && url.pathname.startsWith('/floor/'), { timeout: 10_000 });
      await page.waitForSelector('form.login [role=alert]:has-text("ingen rolle")', { timeout: 10_000 });
    });
    await screenshot(page, 'oidc-no-role');
    await provider.setAccount('ole', { name: 'Ole Hansen', email: 'olha@kommune.example.dk', roles: [`skranke:${f.slug}:floor`] });
    await showingPageOnFailure(page, async () => {
      await page.click('[data-testid=sso-oidc]');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    });
    expect((await db.query(`SELECT active FROM staff_user WHERE username = 'olha@kommune.example.dk'`)).rows).toEqual([{ active: true }]);
    await context.close();
  });

  async function waitForSession(page: Page, ok: (s: { token: string | null; refresh: string | null }) => boolean) {
    const end = Date.now() + 10_000;
    for (;;) {
      const s = await session(page);
      if (ok(s)) return s;
      if (Date.now() > end) throw new Error(`the page's session did not change: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Signs in with the authorisation request's `name` parameter changed on its way to the provider; returns the callback's answer. */
  async function tampered(name: 'state' | 'nonce') {
    await provider.setAccount('mette', { name: 'Mette Berg', email: 'mebe@kommune.example.dk', roles: [`skranke:${f.slug}:floor`] });
    const context = await newContext();
    // The browser reaches the provider by a redirect, which routes do not see: the login's redirect itself is changed.
    await context.route('**/api/v1/auth/oidc/login**', async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const url = new URL(response.headers().location);
      url.searchParams.set(name, `${url.searchParams.get(name)}x`);
      await route.fulfill({ response, headers: { ...response.headers(), location: url.href } });
    });
    const page = await context.newPage();
    const callback = page.waitForResponse((res) => res.url().includes('/api/v1/auth/oidc/callback'), { timeout: 15_000 });
    await signInAt(page, 'mette').catch(() => undefined);
    const res = await callback;
    const answer = { status: res.status(), body: await res.json() };
    expect(await session(page)).toEqual({ token: null, refresh: null });
    await context.close();
    return answer;
  }

  it('refuses an answer whose state was tampered with', async () => {
    const { status, body } = await tampered('state');
    expect([status, body.error.code]).toEqual([400, 'oidc_state_mismatch']);
  });

  it('refuses an ID token whose nonce was tampered with', async () => {
    const { status, body } = await tampered('nonce');
    expect([status, body.error.code]).toEqual([401, 'oidc_nonce_mismatch']);
  });

  it('the counter page, on another app, signs in the same way and comes back to its counter (English page)', async () => {
    await provider.setAccount('birgit', { name: 'Birgit Lund', email: 'bilu@kommune.example.dk', roles: [`skranke:${f.slug}:counter`] });
    const context = await newContext();
    const page = await context.newPage();
    await showingPageOnFailure(page, async () => {
      await page.goto(`${sys.counterDisplayUrls[0]}/counter?lang=en&counter=${f.counters[0].id}`);
      await page.waitForSelector('[data-testid=sso-oidc]');
      expect(await page.textContent('[data-testid=sso-oidc]')).toBe("Sign in with the municipality's login");
      await page.click('[data-testid=sso-oidc]');
      await page.waitForURL((url) => url.origin === provider.issuer, { timeout: 10_000 });
      await page.fill('input[name=login]', 'birgit');
      await page.fill('input[name=password]', 'any');
      await page.click('button[type=submit]');
      await page.waitForSelector('.bar h1', { timeout: 15_000 });
    });
    const url = new URL(page.url());
    expect([url.origin, url.pathname, url.searchParams.get('counter'), url.hash]).toEqual([sys.counterDisplayUrls[0], '/counter', f.counters[0].id, '']);
    const { token } = await session(page);
    expect((await sys.counterDisplay[0].as(token!).get('/auth/me')).body.roles).toEqual([{ siteId: f.siteId, role: 'counter' }]);
    await context.close();
  });

  it('the login route goes only to the provider, keeps the sign-in server-side behind an httpOnly cookie, and returns only to the apps', async () => {
    const to = (returnTo: string) => fetch(`${origin(sys.triage)}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    const ok = await to(`${sys.counterDisplayUrls[0]}/counter`);
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(['response_type', 'code_challenge_method', 'redirect_uri'].map((k) => [k, location.searchParams.get(k)]))).toEqual({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${origin(sys.triage)}/api/v1/auth/oidc/callback`,
    });
    for (const k of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(k)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok.headers.get('set-cookie')).toMatch(/^skranke_oidc=[A-Za-z0-9_-]{43}; Path=\/api\/v1\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    for (const bad of ['https://evil.example/floor', '//evil.example/floor', `${provider.issuer}/`]) {
      const res = await to(bad);
      expect([res.status, (await res.json()).error.code]).toEqual([400, 'invalid_return_to']);
    }
  });
});
