import { translator } from '@skranke/web';
import da from '../i18n/da.json';
import de from '../i18n/de.json';
import en from '../i18n/en.json';

/** Danish by default; ?lang=en|de for staff who read English or German. A new language is a new JSON file. */
const LANGUAGES: Record<string, Record<string, string>> = { da, en, de };
export const lang = new URLSearchParams(location.search).get('lang') ?? 'da';
export const t = translator(LANGUAGES[lang] ?? da, da, lang);
export const serviceName = (names: Record<string, string>) => names[lang] ?? names.da ?? Object.values(names)[0] ?? '';
// Screen readers and the browser's spelling and hyphenation follow the page's language.
document.documentElement.lang = LANGUAGES[lang] ? lang : 'da';

/** A topic, referral target or flag from the site's lists. */
export interface LabelledItem {
  key: string;
  labels: { da: string; en: string; de: string };
}

/** The label of `key` in the page's language; a key the site's list no longer has (an old record) shows as it was stored. */
export function labelOf(items: LabelledItem[], key: string): string {
  const item = items.find((i) => i.key === key);
  return item ? (item.labels[lang as keyof LabelledItem['labels']] ?? item.labels.da) : key;
}
