import da from './texts/da.json';
import de from './texts/de.json';
import en from './texts/en.json';
import type { ReportLanguage } from './report-filter';

const TEXTS: Record<ReportLanguage, Record<string, string>> = { da, en, de };

/** A statistics text (title, column label, definition) in the language; the key itself if a text is missing (a test keeps the three complete). */
export function statText(lang: ReportLanguage, key: string): string {
  return TEXTS[lang][key] ?? TEXTS.da[key] ?? key;
}

export const STAT_TEXT_KEYS = (lang: ReportLanguage) => Object.keys(TEXTS[lang]);
