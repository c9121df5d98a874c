import { translator } from '@skranke/web';
import da from '../i18n/da.json';
import de from '../i18n/de.json';
import en from '../i18n/en.json';

/** Danish by default; ?lang=en|de for staff who read English or German. A new language is a new JSON file. */
const LANGUAGES: Record<string, Record<string, string>> = { da, en, de };
export const lang = new URLSearchParams(location.search).get('lang') ?? 'da';
export const t = translator(LANGUAGES[lang] ?? da, da, lang);
export const serviceName = (names: Record<string, string>) => names[lang] ?? names.da ?? Object.values(names)[0] ?? '';
