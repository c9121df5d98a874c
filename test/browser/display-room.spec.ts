import { Browser, Page } from 'playwright-core';
import { expectStatus } from '../support/http';
import { axeViolations } from '../support/accessibility';
import { launchBrowser, screenshot } from '../support/browser';
import { SiteFixture, issueTickets, openCounter, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';
import { REFUSE_SOUND_UNTIL_GESTURE, openDisplay, waitForLatest } from './counter-pages';

/** The longest counter names an administrator can give (40 characters), one of them a single long word. */
const STATION = 'Hjælp til selvbetjening og digital post';
const LONG_WORD = 'Borgerservicevejledningsskrankeområde 1';
/** README, "Waiting-room screens": how a display's Chromium is started so it sounds without a tap. */
const KIOSK_FLAGS = ['--kiosk', '--autoplay-policy=no-user-gesture-required', '--noerrdialogs', '--disable-translate', '--no-first-run'];

/** The waiting-room screen as the room sees it: sound without a tap where set up so, every seat named, nothing cut. */
describe('waiting-room display in the room', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let allowed: Browser;
  let blocked: Browser;
  let station: string;
  let longCounter: string;

  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys, { services: 3, counters: 1 });
    const admin = sys.triage.as(f.tokens.admin);
    const s = await admin.post(`/sites/${f.siteId}/counters`, { name: STATION, kind: 'assisted-self-service', seats: 2, serviceIds: [f.services[0].id] });
    expectStatus(s, 201);
    station = s.body.id;
    const c = await admin.post(`/sites/${f.siteId}/counters`, { name: LONG_WORD, kind: 'counter', serviceIds: [f.services[0].id] });
    expectStatus(c, 201);
    longCounter = c.body.id;
    for (const id of [f.counters[0].id, station, longCounter]) await openCounter(sys, f, id);
    // With the flags README gives for a waiting-room screen (headless here, so no window to fill).
    allowed = await launchBrowser(KIOSK_FLAGS);
    blocked = await launchBrowser(['--autoplay-policy=user-gesture-required']);
  });
  afterAll(async () => {
    await allowed?.close();
    await blocked?.close();
    await sys?.stop();
  });

  const api = () => sys.counterDisplay[0].as(f.tokens.counter);
  async function callAt(counterId: string, seat?: number) {
    const res = await api().post(`/counters/${counterId}/call-next`, seat ? { seat } : {});
    expectStatus(res, 200);
    return res.body.ticket as { id: string; number: string };
  }
  async function finish(ticketId: string) {
    expectStatus(await api().post(`/tickets/${ticketId}/finish`, { outcome: 'resolved' }), 200);
  }
  const spoken = (n: string) => `Nummer ${n.replace(/^([A-Z]+)0*/, '$1 ')}`;
  /** Whether the prompt was ever on screen since the page loaded (a MutationObserver set up before any script). */
  const WATCH_PROMPT = `addEventListener('DOMContentLoaded', () => {
    window.__promptSeen = false;
    const look = () => { const b = document.querySelector('.enable-sound'); if (b && !b.hidden) window.__promptSeen = true; };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  });`;

  it('with ?sound=on in a browser allowed to autoplay, calls are announced without any tap and the prompt never shows', async () => {
    const display = await openDisplay(allowed, sys, f, { query: '?sound=on', initScript: WATCH_PROMPT });
    expect(await display.evaluate(() => ({ mode: window.__skrankeSpeech.soundMode, blocked: window.__skrankeSpeech.soundBlocked }))).toEqual({ mode: 'on', blocked: false });
    await issueTickets(sys, f, f.services[0].id, 1);
    const t = await callAt(station, 1);
    const expected = `${spoken(t.number)}, ${STATION}, plads 1`;
    await display.waitForFunction((text) => window.__skrankeSpeech.spoken.includes(text), expected, { timeout: 20_000 });
    expect(await display.evaluate(() => ({ flashed: window.__skrankeSpeech.flashed, promptSeen: (window as unknown as { __promptSeen: boolean }).__promptSeen }))).toEqual({ flashed: [], promptSeen: false });
    await finish(t.id);
    await display.close();
  });

  it('#token=…&sound=on works too, and the page keeps sound=on in its address for a reload', async () => {
    const page = await allowed.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${sys.counterDisplayUrls[0]}/display#token=${f.tokens.display}&sound=on`);
    await page.waitForFunction(() => window.__skrankeDisplay?.online && window.__skrankeSpeech?.soundMode !== undefined, null, { timeout: 30_000 });
    expect(await page.evaluate(() => ({ mode: window.__skrankeSpeech.soundMode, search: location.search, hash: location.hash }))).toEqual({ mode: 'on', search: '?sound=on', hash: '' });
    await page.reload();
    await page.waitForFunction(() => window.__skrankeDisplay?.online && window.__skrankeSpeech?.soundMode !== undefined, null, { timeout: 30_000 });
    expect(await page.evaluate(() => window.__skrankeSpeech.soundMode)).toBe('on');
    await page.close();
  });

  it("the site's displaySound 'on' setting does the same without ?sound=on; where sound is still refused, calls flash and no prompt covers the room", async () => {
    const admin = sys.triage.as(f.tokens.admin);
    expectStatus(await admin.patch(`/sites/${f.siteId}`, { settings: { displaySound: 'on' } }), 200);
    expect((await admin.patch(`/sites/${f.siteId}`, { settings: { displaySound: 'loud' } })).body.error.code).toBe('invalid_settings');
    try {
      const display = await openDisplay(blocked, sys, f, { initScript: REFUSE_SOUND_UNTIL_GESTURE + WATCH_PROMPT });
      expect(await display.evaluate(() => ({ mode: window.__skrankeSpeech.soundMode, blocked: window.__skrankeSpeech.soundBlocked }))).toEqual({ mode: 'on', blocked: true });
      await issueTickets(sys, f, f.services[0].id, 1);
      const t = await callAt(f.counters[0].id);
      await display.waitForFunction((text) => window.__skrankeSpeech.flashed.includes(text), `${spoken(t.number)}, ${f.counters[0].name}`, { timeout: 5000 });
      expect(await display.evaluate(() => (window as unknown as { __promptSeen: boolean }).__promptSeen)).toBe(false);
      await finish(t.id);
      await display.close();
    } finally {
      expectStatus(await admin.patch(`/sites/${f.siteId}`, { settings: { displaySound: 'ask' } }), 200);
    }
  });

  it('where sound is blocked the prompt sits in the header, clear of calls and waits, and hides itself after 30 s', async () => {
    const display = await openDisplay(blocked, sys, f, { initScript: REFUSE_SOUND_UNTIL_GESTURE, beforeLoad: (page) => page.clock.install() });
    await display.waitForSelector('.enable-sound:not([hidden])', { timeout: 2000 });
    const box = async (sel: string) => (await display.locator(sel).boundingBox())!;
    const prompt = await box('.enable-sound');
    const content = await box('.content');
    expect(prompt.y + prompt.height).toBeLessThanOrEqual(content.y);
    expect(await display.locator('header .enable-sound').count()).toBe(1);
    await display.clock.fastForward('00:25');
    expect(await display.locator('.enable-sound').isVisible()).toBe(true);
    await display.clock.fastForward('00:06');
    await display.waitForSelector('.enable-sound[hidden]', { state: 'attached', timeout: 2000 });
    expect(await display.locator('.enable-sound').isVisible()).toBe(false);
    await display.close();
  });

  it('names every seat of a multi-seat station, never cuts a counter name, and shows "–" for a service nobody waits for', async () => {
    const display = await openDisplay(blocked, sys, f, { initScript: REFUSE_SOUND_UNTIL_GESTURE });
    const tickets = await issueTickets(sys, f, f.services[0].id, 5);
    const calls = [await callAt(station, 1), await callAt(station, 2), await callAt(longCounter), await callAt(f.counters[0].id)];
    await display.waitForFunction((n) => window.__skrankeSpeech.shown.length >= n && window.__skrankeSpeech.queue.length === 0, calls.length, { timeout: 15_000 });
    await waitForLatest(display, calls[3].number, 5000);
    await display.waitForSelector('.spotlight:not(.flash)', { timeout: 5000 });
    const recent = await display.locator('#recent-calls li').evaluateAll((items) => items.map((li) => [li.querySelector('.number')!.textContent, li.querySelector('.counter')!.textContent]));
    expect(recent.slice(0, 3)).toEqual([
      [calls[2].number, LONG_WORD],
      [calls[1].number, `${STATION}, plads 2`],
      [calls[0].number, `${STATION}, plads 1`],
    ]);
    expect(await display.evaluate(() => window.__skrankeSpeech.flashed.slice(-4))).toEqual([
      `${spoken(calls[0].number)}, ${STATION}, plads 1`,
      `${spoken(calls[1].number)}, ${STATION}, plads 2`,
      `${spoken(calls[2].number)}, ${LONG_WORD}`,
      `${spoken(calls[3].number)}, Skranke 1`,
    ]);
    await screenshot(display, 'display-room-1920x1080');
    await expectNothingCut(display);
    // WCAG 2.1 AA with calls, waits and the sound prompt on screen.
    expect(await display.locator('.enable-sound').isVisible()).toBe(true);
    expect(await axeViolations(display)).toEqual([]);
    // A single-seat counter is named without a seat.
    expect(await display.locator('#latest-counter').textContent()).toBe('Skranke 1');

    const waits = await display.locator('#service-waits tr').evaluateAll((rows) =>
      rows.map((r) => ({ service: r.getAttribute('data-service'), waiting: r.querySelector('.waiting')!.textContent, wait: r.querySelector('.wait')!.textContent })),
    );
    expect(waits).toEqual([
      { service: f.services[0].id, waiting: String(tickets.length - calls.length), wait: expect.stringMatching(/^(ca\. \d+ min|om lidt)$/) },
      { service: f.services[1].id, waiting: '0', wait: '–' },
      { service: f.services[2].id, waiting: '0', wait: '–' },
    ]);
    // The wait column never wraps, and its headers are large enough to read across the room (at least 30 px at 1080p).
    const style = await display.evaluate(() => ({
      nowrap: Array.from(document.querySelectorAll('.waits .wait, .waits .waiting')).every((el) => getComputedStyle(el).whiteSpace === 'nowrap'),
      headerPx: Math.min(...Array.from(document.querySelectorAll('.waits thead th')).map((th) => parseFloat(getComputedStyle(th).fontSize))),
      headers: Array.from(document.querySelectorAll('.waits thead th')).map((th) => th.textContent),
    }));
    expect(style).toEqual({ nowrap: true, headerPx: expect.any(Number), headers: ['Ydelse', 'Venter', 'Ventetid'] });
    expect(style.headerPx).toBeGreaterThanOrEqual(30);
    for (const t of calls) await finish(t.id);
    // The longest name as the latest call: whole too, in the spotlight.
    const last = await callAt(station, 1);
    await display.waitForFunction((n) => document.querySelector('#latest-number')?.textContent === n && !document.querySelector('.spotlight.flash'), last.number, { timeout: 10_000 });
    expect(await display.locator('#latest-counter').textContent()).toBe(`${STATION}, plads 1`);
    await expectNothingCut(display);
    await screenshot(display, 'display-room-long-name-1920x1080');
    await finish(last.id);
    await display.close();
  });

  /** Every counter name on screen is whole: no horizontal overflow, and inside its section (which hides overflow). */
  async function expectNothingCut(display: Page) {
    const cut = await display.evaluate(() =>
      Array.from(document.querySelectorAll('#latest-counter, #recent-calls .counter')).flatMap((el) => {
        const section = el.closest('section')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        const whole = el.scrollWidth <= el.clientWidth && r.right <= section.right + 1 && r.bottom <= section.bottom + 1 && r.left >= section.left - 1;
        return whole ? [] : [`${el.textContent} (${el.scrollWidth}/${el.clientWidth}, bottom ${r.bottom} of ${section.bottom})`];
      }),
    );
    expect(cut).toEqual([]);
  }
});
