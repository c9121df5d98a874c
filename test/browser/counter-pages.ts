import { Browser, Page } from 'playwright-core';
import { showingPageOnFailure } from '../support/browser';
import type { SiteFixture } from '../support/fixtures';
import type { TestSystem } from '../support/system';

/**
 * The autoplay policy, enforced in the page: neither media nor an audio
 * context may sound before the first trusted tap. `--autoplay-policy=
 * user-gesture-required` alone let both through in some runs of a loaded
 * machine (Chromium 156), so the refusal this test is about would not happen;
 * this makes it happen every time. The tap is seen by a trusted pointer event,
 * not by navigator.userActivation, which was also seen set with no tap.
 */
export const REFUSE_SOUND_UNTIL_GESTURE = `{
  let tapped = false;
  addEventListener('pointerdown', (e) => { if (e.isTrusted) tapped = true; }, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    return tapped ? play.call(this) : Promise.reject(new DOMException('no user gesture yet', 'NotAllowedError'));
  };
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    get state() { return tapped ? super.state : 'suspended'; }
    resume() { return tapped ? super.resume() : Promise.resolve(); }
  };
}`;

export const origin = (sys: TestSystem, i = 0) => sys.counterDisplayUrls[i];

/** A display page provisioned with its device token, as an administrator sets one up. */
export async function openDisplay(
  browser: Browser,
  sys: TestSystem,
  f: SiteFixture,
  opts: { instance?: number; width?: number; height?: number; query?: string; initScript?: string; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1920, height: opts.height ?? 1080 } });
  if (opts.initScript) await page.addInitScript(opts.initScript);
  await opts.beforeLoad?.(page);
  await showingPageOnFailure(page, async () => {
    await page.goto(`${origin(sys, opts.instance)}/display${opts.query ?? ''}#token=${f.tokens.display}`);
    // Generous: with two test files and their browsers on two cores, the first load can be slow.
    await page.waitForFunction(() => window.__skrankeDisplay?.model !== null && window.__skrankeDisplay?.online, null, { timeout: 30_000 });
  });
  return page;
}

/** The counter page, signed in through its login form. */
export async function openCounterPage(browser: Browser, sys: TestSystem, f: SiteFixture, counterId: string, username = `counter-${f.slug}`): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${origin(sys)}/counter?counter=${counterId}`);
  await page.fill('#username', username);
  await page.fill('#password', 'password-123');
  await page.click('button[type=submit]');
  await page.waitForSelector('.bar h1', { timeout: 10000 });
  return page;
}

export const latestNumber = (display: Page) => display.locator('#latest-number').textContent();

export async function waitForLatest(display: Page, number: string, timeout = 1000): Promise<void> {
  await display.waitForFunction((n) => document.querySelector('#latest-number')?.textContent === n, number, { timeout });
}

declare global {
  interface Window {
    __skrankeDisplay: { model: { seq: number; recentCalls: { number: string; ticketId: string; seq: number }[]; services: { serviceId: string; waiting: number }[] } | null; online: boolean };
    __skrankeSpeech: { queue: string[]; spoken: string[]; shown: string[]; flashed: string[]; soundBlocked: boolean; soundMode?: 'ask' | 'on'; soundCheck?: string };
  }
}
