import { Messages, translator } from '@skranke/web';

/** Every JSON file in ./i18n is a language: adding one is adding a file. */
const files = import.meta.glob<Messages>('./i18n/*.json', { eager: true, import: 'default' });

export const LANGUAGES: Record<string, Messages> = Object.fromEntries(
  Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/(\w+)\.json$/, '$1'), messages]),
);

export const ORDER = ['da', 'en', 'de', ...Object.keys(LANGUAGES).filter((l) => !['da', 'en', 'de'].includes(l)).sort()];

export function tr(lang: string) {
  return translator(LANGUAGES[lang] ?? LANGUAGES.da, LANGUAGES.da, lang);
}

export function clockTime(iso: string, lang: string, withDay = false): string {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = withDay ? { weekday: 'long', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  return d.toLocaleString(lang === 'en' ? 'en-GB' : lang, { ...opts, timeZone: 'Europe/Copenhagen' });
}
