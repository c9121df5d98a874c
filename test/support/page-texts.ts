import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * What a page shows a person, and whether it is in one language (issue 18:
 * "no English on a Danish page, no raw code on any page"). The language files
 * are every `i18n/<lang>.json` of the pages (apps/<app>/web/src/i18n) and the
 * shared one (libs/web/src/i18n).
 */
const ROOT = join(__dirname, '..', '..');

export type Lang = 'da' | 'en' | 'de';
export const LANGS: Lang[] = ['da', 'en', 'de'];

export interface LanguageFiles {
  /** file (relative) → key → text */
  files: Record<string, Record<string, string>>;
  /** Every text of each language, over all files. */
  values: Record<Lang, Set<string>>;
  /** Every key of every file. */
  keys: Set<string>;
  /** The first segments of the keys ('kiosk', 'error', …): a dotted word starting with one reads as a key. */
  namespaces: Set<string>;
}

export function languageFiles(): LanguageFiles {
  const dirs = [join('libs', 'web', 'src', 'i18n'), ...readdirSync(join(ROOT, 'apps')).map((app) => join('apps', app, 'web', 'src', 'i18n'))];
  const files: LanguageFiles['files'] = {};
  const values = { da: new Set<string>(), en: new Set<string>(), de: new Set<string>() };
  const keys = new Set<string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.json'));
    } catch {
      continue;
    }
    for (const name of names) {
      const lang = name.replace(/\.json$/, '') as Lang;
      const texts = JSON.parse(readFileSync(join(ROOT, dir, name), 'utf8')) as Record<string, string>;
      files[join(dir, name)] = texts;
      for (const [k, v] of Object.entries(texts)) {
        keys.add(k);
        if (LANGS.includes(lang) && typeof v === 'string') values[lang].add(normalise(v));
      }
    }
  }
  const namespaces = new Set([...keys].filter((k) => k.includes('.')).map((k) => k.split('.')[0]));
  return { files, values, keys, namespaces };
}

export const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One text a person can see or hear: a line of the page's text, or an attribute read out or shown. */
export interface PageText {
  text: string;
  /** 'text', or the attribute it came from ('placeholder', 'aria-label', 'title', 'alt'). */
  from: string;
}

/** The page's visible text by line (body.innerText, without [data-literal] texts), the document title, and every placeholder, aria-label, title and alt. */
export async function pageTexts(page: Page): Promise<PageText[]> {
  const raw = await page.evaluate(() => {
    const out: { text: string; from: string }[] = [];
    // Text a page shows verbatim on purpose (data-literal: e.g. the {placeholders} an administrator may type in a template) is no language's text.
    const literals = Array.from(document.querySelectorAll('[data-literal]'), (el) => el.textContent ?? '').filter((t) => t !== '');
    for (let line of (document.body?.innerText ?? '').split('\n')) {
      for (const literal of literals) line = line.split(literal).join(' ');
      out.push({ text: line, from: 'text' });
    }
    if (document.title) out.push({ text: document.title, from: 'document title' });
    for (const attr of ['placeholder', 'aria-label', 'title', 'alt']) {
      for (const el of Array.from(document.querySelectorAll(`[${attr}]`))) {
        if (el.tagName === 'HTML' || el.tagName === 'TITLE') continue;
        out.push({ text: el.getAttribute(attr) ?? '', from: attr });
      }
    }
    return out;
  });
  return raw.map((t) => ({ ...t, text: normalise(t.text) })).filter((t) => t.text !== '');
}

/** Waits until the page's text has settled (the same for half a second) after its data came in. */
export async function settled(page: Page, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = '';
  let same = 0;
  while (Date.now() < end) {
    const now = await page.evaluate(() => document.body?.innerText ?? '');
    same = now === last && now.trim() !== '' ? same + 1 : 0;
    if (same >= 2) return;
    last = now;
    await page.waitForTimeout(250);
  }
}

/** A text with {placeholders} as a pattern matching it filled in. */
function pattern(value: string): RegExp {
  const parts = value.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`);
}

/**
 * A template whose own words are all short ("{day} at {time}", "{date} um {time} Uhr") matches
 * any sentence of another language holding that little word (Danish "måde at ændre"): not a sign
 * of a leak, so it is not compared.
 */
const looseTemplate = (v: string) => /\{\w+\}/.test(v) && !/\p{L}{4,}/u.test(v.replace(/\{\w+\}/g, ''));

/** Texts worth comparing: a word of letters at least, not a symbol or a number. */
const wordy = (v: string) => /\p{L}{2,}/u.test(v.replace(/\{\w+\}/g, ''));

/**
 * The words a page may show in any language: each language's own name on a
 * language switch. Nothing else is exempt (but the product's name as the
 * document title, see languageLeaks).
 */
export const LANGUAGE_NAMES = new Set(['Dansk', 'English', 'Deutsch']);
export const PRODUCT_NAME = 'Skranke';

export interface Leak {
  text: string;
  from: string;
  why: string;
}

/**
 * Texts of a page in `lang` that belong to another language or are raw keys:
 * (a) a text only the other languages' files have (for Danish: English-only texts;
 * for English and German: Danish-only texts), equal to a shown string (placeholders
 * filled in) or, for a text of two words or more, inside one;
 * (b) a key of any language file (with a dot or underscore), a dotted word that starts like a key
 * (`kiosk.title`), a snake_case code (`seat_busy`), or an unfilled `{placeholder}`.
 * (c) a decimal number written another language's way (3.5 on a Danish page).
 * `data` adds texts of the seeded data per language (service names and the like).
 */
export function languageLeaks(texts: PageText[], lang: Lang, files: LanguageFiles, data: Partial<Record<Lang, string[]>> = {}): Leak[] {
  const own = new Set([...files.values[lang], ...(data[lang] ?? []).map(normalise)]);
  const foreignLangs: Lang[] = lang === 'da' ? ['en'] : ['da'];
  const foreign: { value: string; re: RegExp; inside: boolean; lang: Lang }[] = [];
  for (const other of foreignLangs) {
    const theirs = new Set([...files.values[other], ...(data[other] ?? []).map(normalise)]);
    for (const value of theirs) {
      if (own.has(value) || !wordy(value) || LANGUAGE_NAMES.has(value) || looseTemplate(value)) continue;
      foreign.push({ value, re: pattern(value), inside: value.split(' ').length >= 2 && !/\{\w+\}/.test(value), lang: other });
    }
  }
  const leaks: Leak[] = [];
  for (const { text, from } of texts) {
    if (from === 'document title' && text === PRODUCT_NAME) continue;
    for (const f of foreign) {
      if (f.re.test(text) || (f.inside && text.includes(f.value) && !own.has(text))) {
        leaks.push({ text, from, why: `only in the ${f.lang} language files: "${f.value}"` });
        break;
      }
    }
    // A bare word key ("open") may well be the English text itself; keys that read as keys have a dot or an underscore.
    if (files.keys.has(text) && /[._]/.test(text)) leaks.push({ text, from, why: 'a key of the language files' });
    for (const word of text.split(/[\s,;:()«»"“”]+/)) {
      const w = word.replace(/[.!?…]+$/, '');
      if (/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/.test(w) && files.namespaces.has(w.split('.')[0])) leaks.push({ text, from, why: `a key: ${w}` });
      else if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(w)) leaks.push({ text, from, why: `a code: ${w}` });
    }
    if (/\{\w+\}/.test(text)) leaks.push({ text, from, why: 'an unfilled {placeholder}' });
    // A decimal written the other language's way: 3.5 on a Danish or German page, 3,5 on an English one
    // (one digit after the mark: two are a Danish clock time, 14.05, three a thousands mark, 1.234).
    const otherDecimal = lang === 'en' ? /(^|[^\d.,])\d+,\d(?![\d.,])/ : /(^|[^\d.,])\d+\.\d(?![\d.,])/;
    if (otherDecimal.test(text)) leaks.push({ text, from, why: `a number not written the ${lang} way` });
  }
  return leaks;
}

/** One line per leak, for a failure message. */
export const describeLeaks = (page: string, leaks: Leak[]) => leaks.map((l) => `${page}: ${JSON.stringify(l.text)} (${l.from}) — ${l.why}`);
