import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoTokens } from './demo-site';

/** Where the demo keeps what must outlive a restart: its device tokens and the last banner (git-ignored). */
export const DEMO_DATA_DIR = join(__dirname, '..', '..', '.demo-data');

export const demoFiles = (dir = DEMO_DATA_DIR) => ({
  tokens: join(dir, 'tokens.json'),
  banner: join(dir, 'demo.txt'),
});

/** The tokens of the last run, or none (first run, or the file was removed or spoilt). */
export function readDemoTokens(dir = DEMO_DATA_DIR): Partial<DemoTokens> {
  const file = demoFiles(dir).tokens;
  if (!existsSync(file)) return {};
  try {
    const { kiosk, display } = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoTokens>;
    return { ...(typeof kiosk === 'string' ? { kiosk } : {}), ...(typeof display === 'string' ? { display } : {}) };
  } catch {
    return {};
  }
}

/** Device tokens are secrets: the file is readable by its owner only. */
export function writeDemoTokens(tokens: DemoTokens, dir = DEMO_DATA_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(demoFiles(dir).tokens, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
}

/** The banner holds the device tokens too: owner only. */
export function writeDemoBanner(text: string, dir = DEMO_DATA_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(demoFiles(dir).banner, text, { mode: 0o600 });
}
