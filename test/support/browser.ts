import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** Debian's Chromium, headless, without the background traffic a closed network refuses. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extraArgs],
  });
}

/** Writes a screenshot to test/artifacts/ for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Runs `steps` on `page`; when they fail, the error also says what the page
 * showed (its screen and text), so a timeout in CI can be read without a rerun.
 */
export async function showingPageOnFailure<T>(page: Page, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (e) {
    const shown = await page
      .evaluate(() => ({
        screen: Array.from(document.querySelectorAll('[data-screen]')).map((el) => el.getAttribute('data-screen')).join(','),
        lang: document.documentElement.lang,
        text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 400),
      }))
      .catch((why) => ({ screen: '?', lang: '?', text: `(page not readable: ${why})` }));
    const err = e instanceof Error ? e : new Error(String(e));
    err.message += `\n  page ${page.url()} showed screen "${shown.screen}" (lang ${shown.lang}): ${shown.text}`;
    throw err;
  }
}
