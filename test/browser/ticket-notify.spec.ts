import { generateVAPIDKeys } from 'web-push';
import { createECDH, randomBytes } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from '../support/accessibility';
import { launchBrowser, screenshot, showingPageOnFailure } from '../support/browser';
import { SiteFixture, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

const vapid = generateVAPIDKeys();
const TEXTS = {
  da: { ask: 'Giv mig besked, når det snart er min tur', noPush: 'Denne browser kan ikke vise beskeder fra siden. Vi kan sende dig en SMS i stedet.', sms: 'Vi sender dig en SMS, når der er ca. 10 minutter til din tur.', push: 'Vi sender en besked til denne browser, når der er ca. 10 minutter til din tur.', badPhone: 'Skriv et dansk mobilnummer (+45 og 8 cifre) eller en e-mailadresse – ikke begge.' },
  en: { ask: 'Tell me when my turn is near', noPush: 'This browser cannot show notifications from the page. We can send you a text message (SMS) instead.', sms: 'We will text you when about 10 minutes are left.', push: 'We will send a notification to this browser when about 10 minutes are left.', badPhone: 'Write a Danish mobile number (+45 and 8 digits) or an e-mail address – not both.' },
  de: { ask: 'Benachrichtigen Sie mich, wenn ich bald dran bin', noPush: 'Dieser Browser kann keine Mitteilungen von der Seite anzeigen. Wir können Ihnen stattdessen eine SMS senden.', sms: 'Wir senden Ihnen eine SMS, wenn noch etwa 10 Minuten bleiben.', push: 'Wir senden eine Mitteilung an diesen Browser, wenn noch etwa 10 Minuten bleiben.', badPhone: 'Geben Sie eine dänische Handynummer (+45 und 8 Ziffern) oder eine E-Mail-Adresse an – nicht beides.' },
};

/**
 * Issue 20: "tell me when my turn is near" on the citizen's ticket page, in headless Chromium.
 * Web push where the browser has it (service worker at /ticket-sw.js, scope /t/, the VAPID key from the server);
 * the SMS form where it has none (an iPhone's Safari outside a Home-Screen app: no PushManager, simulated by
 * deleting it). Every state checked with axe-core (WCAG 2.1 A/AA), in Danish, English and German.
 */
describe('ticket page: tell me when my turn is near', () => {
  let sys: TestSystem;
  let browser: Browser;
  let f: SiteFixture;
  let origin: string;
  beforeAll(async () => {
    sys = await startSystem({
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:drift@example.dk',
        SMS_PROVIDER: 'gatewayapi',
        SMS_API_TOKEN: 'test-token-test-token',
        PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
        TURN_NEAR_SWEEP_SECONDS: '0',
      },
    });
    f = await seedSite(sys, { services: 1, counters: 1 });
    await openCounter(sys, f, f.counters[0].id);
    // Twelve citizens ahead: the tickets the tests draw are far from their turn, so the page offers to tell them.
    for (let i = 0; i < 12; i++) await ticket('da');
    browser = await launchBrowser();
    origin = sys.ticketing.baseUrl.replace(/\/api\/v1$/, '');
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function ticket(language: string, at = f) {
    const r = await sys.ticketing.as(at.tokens.kiosk).post(`/sites/${at.siteId}/tickets`, { serviceId: at.services[0].id, language });
    expectStatus(r, 201);
    return r.body as { trackingToken: string; id: string };
  }

  async function open(context: BrowserContext, token: string, offer = '.notify-ask'): Promise<Page> {
    const page = await context.newPage();
    await page.route('**/app-config.json', (r) => r.fulfill({ json: { app: 'ticketing', urls: { counterDisplay: sys.counterDisplayUrls[0] } } }));
    await page.goto(`${origin}/t/${token}`);
    await page.waitForSelector(`[data-status="waiting"] ${offer}`, { timeout: 10_000 });
    return page;
  }

  const asked = async (token: string) => (await sys.ticketing.get(`/tickets/track/${token}`)).body.notifyChannel;

  for (const lang of ['da', 'en', 'de'] as const) {
    it(`${lang}: without PushManager (iPhone outside a Home-Screen app) it offers SMS; a bad number is refused in the page's language`, async () => {
      const t = await ticket(lang);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addInitScript(() => delete (window as { PushManager?: unknown }).PushManager);
      const page = await open(context, t.trackingToken);
      await showingPageOnFailure(page, async () => {
        expect(await page.textContent('.notify-ask')).toBe(TEXTS[lang].ask);
        await expectAccessible(page, `ticket page with the notify offer (${lang})`);
        await page.click('.notify-ask');
        await page.waitForSelector('form.notify-form', { timeout: 5_000 });
        expect(await page.textContent('.notify-note')).toBe(TEXTS[lang].noPush);
        expect(await page.getAttribute('#notify-contact', 'type')).toBe('tel');
        await expectAccessible(page, `SMS fallback form (${lang})`);
        await screenshot(page, `ticket-notify-sms-form-${lang}`);
        await page.fill('#notify-contact', '+1 555 0100');
        await page.click('.notify-send');
        await page.waitForFunction(() => document.querySelector('.notify-form .error')?.textContent, undefined, { timeout: 5_000 });
        expect(await page.textContent('.notify-form .error')).toBe(TEXTS[lang].badPhone);
        await expectAccessible(page, `SMS form with an error (${lang})`);
        await page.fill('#notify-contact', '12 34 56 78');
        await page.click('.notify-send');
        await page.waitForSelector('.notify-done[data-channel="sms"]', { timeout: 5_000 });
        expect(await page.textContent('.notify-done')).toBe(TEXTS[lang].sms);
        await expectAccessible(page, `asked for SMS (${lang})`);
        await screenshot(page, `ticket-notify-sms-done-${lang}`);
      });
      expect(await asked(t.trackingToken)).toBe('sms');
      await context.close();
    });
  }

  for (const [lang, text] of [
    ['da', 'Din tur er tæt på – bliv i venterummet.'],
    ['en', 'Your turn is near – please stay in the waiting room.'],
    ['de', 'Sie sind bald an der Reihe – bitte bleiben Sie im Wartebereich.'],
  ] as const) {
    it(`${lang}: a citizen whose turn is near already is told to stay, and offered nothing (a message could not come in time)`, async () => {
      // Next in line at an open counter with a free seat: the low end is 0, below the buffer plus margin.
      const g = await seedSite(sys, { services: 1, counters: 1 });
      await openCounter(sys, g, g.counters[0].id);
      const t = await ticket(lang, g);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await open(context, t.trackingToken, '.notify-near');
      await showingPageOnFailure(page, async () => {
        expect(await page.textContent('.notify-near')).toBe(text);
        expect(await page.$('.notify-ask')).toBeNull();
        await expectAccessible(page, `ticket page, turn near already (${lang})`);
        await screenshot(page, `ticket-notify-near-${lang}`);
      });
      expect(await asked(t.trackingToken)).toBeNull();
      await context.close();
    });
  }

  it('near meanwhile: the turn becomes near while the citizen types the number; the send is refused and the panel says to stay', async () => {
    const g = await seedSite(sys, { services: 1, counters: 1 });
    await openCounter(sys, g, g.counters[0].id);
    const line: { trackingToken: string; id: string }[] = [];
    for (let i = 0; i < 10; i++) line.push(await ticket('da', g));
    const mine = line[9];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => delete (window as { PushManager?: unknown }).PushManager);
    const page = await open(context, mine.trackingToken);
    await showingPageOnFailure(page, async () => {
      await page.click('.notify-ask');
      await page.waitForSelector('form.notify-form', { timeout: 5_000 });
      await page.fill('#notify-contact', '12 34 56 78');
      // Everyone ahead leaves while the number is typed: the turn is near now, and the page has heard so (no one
      // ahead) before the tap. The half-typed number stays: the queue moving does not rebuild the open form.
      for (const ahead of line.slice(0, 9)) expectStatus(await sys.ticketing.post(`/tickets/track/${ahead.trackingToken}/leave`), 200);
      await page.waitForSelector('[data-ahead="0"]', { timeout: 10_000 });
      expect(await page.inputValue('#notify-contact')).toBe('12 34 56 78');
      await page.click('.notify-send');
      await page.waitForSelector('.notify-near', { timeout: 10_000 });
      expect(await page.textContent('.notify-near')).toBe('Din tur er tæt på – bliv i venterummet.');
      expect(await page.$('form.notify-form')).toBeNull();
      await expectAccessible(page, 'near meanwhile');
    });
    expect(await asked(mine.trackingToken)).toBeNull();
    await context.close();
  });

  it('with PushManager: registers the service worker for /t/ and asks the browser for a subscription with the server’s VAPID key', async () => {
    const t = await ticket('en');
    const context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin });
    const page = await open(context, t.trackingToken);
    const worker = await page.evaluate(async () => {
      const r = await fetch('/ticket-sw.js');
      return { status: r.status, type: r.headers.get('content-type'), allowed: r.headers.get('service-worker-allowed'), push: 'PushManager' in window };
    });
    expect(worker).toEqual({ status: 200, type: expect.stringContaining('javascript'), allowed: '/t/', push: true });
    await page.click('.notify-ask');
    // Headless Chromium has the Push API but no push service to register with offline (its only one is Google's FCM;
    // see the next test for why): the subscription either succeeds (then the server keeps it) or fails, and the page
    // falls back to SMS.
    const outcome = await page.waitForSelector('.notify-done, form.notify-form', { timeout: 30_000 });
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration('/t/');
      return r ? { scope: new URL(r.scope).pathname, script: new URL((r.active ?? r.installing ?? r.waiting)!.scriptURL).pathname } : null;
    });
    expect(registration).toEqual({ scope: '/t/', script: '/ticket-sw.js' });
    const succeeded = (await outcome.getAttribute('class')) === 'notify-done';
    console.log(`headless Chromium PushManager.subscribe: ${succeeded ? 'subscribed (server stored push)' : 'failed (no push service offline); the page offered SMS'}`);
    if (succeeded) expect(await asked(t.trackingToken)).toBe('push');
    else expect(await page.textContent('.notify-note')).toBe('Notifications could not be turned on in this browser. Choose another way.');
    await expectAccessible(page, 'after the push attempt');
    await context.close();
  });

  /*
   * Why PushManager.subscribe is a stand-in here (checked with Debian's Chromium 156, headless): Chromium's only push
   * service is Google's FCM, and its endpoints are always https://fcm.googleapis.com/fcm/send/…. In Playwright's
   * browser contexts (off the record) subscribe() fails at once, "AbortError: Registration failed - permission
   * denied", whatever permission is granted: push is not offered off the record. In a persistent profile it waits
   * for FCM's check-in; --gcm-checkin-url can point that at a local listener (the request arrives), but a
   * subscription then needs Google's check-in and registration protobufs and, to receive anything, its MCS protocol
   * over TLS: not something a test can stand in for honestly. So everything of the page runs for real (service
   * worker, permission in the tap, the server's VAPID key, the POST), and only the browser's push service is stood
   * in for. That the push itself is real, VAPID-signed (RFC 8292) and encrypted (RFC 8291, aes128gcm), is proven in
   * test/e2e/notification-channels.spec.ts: the dispatcher sends to a push service on a local port and the test
   * decrypts the payload with the subscription's private key and auth secret and verifies the signature.
   */
  it('with a push service answering (subscribe stubbed with real P-256 keys): the page sends the subscription and says so', async () => {
    const t = await ticket('da');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const fake = { endpoint: 'https://127.0.0.1:9/push/abc', keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    const context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin });
    await context.addInitScript((sub) => {
      // Stands in for the browser's push service only: the rest (worker, permission, key, POST) is the page's own.
      const seen: unknown[] = [];
      (window as unknown as { subscribeCalls: unknown[] }).subscribeCalls = seen;
      PushManager.prototype.getSubscription = async () => null;
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = options?.applicationServerKey;
        seen.push(key instanceof Uint8Array ? btoa(String.fromCharCode(...Array.from(key as Uint8Array))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : null);
        return { endpoint: sub.endpoint, toJSON: () => ({ ...sub, expirationTime: null }) } as unknown as PushSubscription;
      };
    }, fake);
    const page = await open(context, t.trackingToken);
    await showingPageOnFailure(page, async () => {
      await page.click('.notify-ask');
      await page.waitForSelector('.notify-done[data-channel="push"]', { timeout: 10_000 });
      expect(await page.textContent('.notify-done')).toBe(TEXTS.da.push);
      expect(await page.evaluate(() => (window as unknown as { subscribeCalls: unknown[] }).subscribeCalls)).toEqual([vapid.publicKey]);
      await expectAccessible(page, 'asked for web push');
      await screenshot(page, 'ticket-notify-push-done-da');
    });
    expect(await asked(t.trackingToken)).toBe('push');
    await context.close();
  });
});
