import sharedDa from './i18n/da.json';
import sharedDe from './i18n/de.json';
import sharedEn from './i18n/en.json';

/** Messages per language, one JSON file per language, so a new language is a new file. */
export type Messages = Record<string, string>;
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * Texts every page shares (wait estimates, the server's error codes), in
 * libs/web/src/i18n/<lang>.json; a page's own file may override any of them.
 */
export const SHARED_MESSAGES: Record<string, Messages> = { da: sharedDa, en: sharedEn, de: sharedDe };

/** A page's texts in `lang` over the shared ones, falling back to Danish key by key. */
export function translator(messages: Messages, fallback: Messages, lang = 'da'): Translate {
  const own = { ...(SHARED_MESSAGES[lang] ?? SHARED_MESSAGES.da), ...messages };
  const base = { ...SHARED_MESSAGES.da, ...fallback };
  return (key, vars = {}) => (own[key] ?? base[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}
