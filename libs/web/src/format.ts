import type { Translate } from './i18n';

/** A wait estimate as the API gives it: most likely minutes and the p10–p90 range. */
export interface Estimate {
  minutes: number;
  low: number;
  high: number;
}

const LOCALES: Record<string, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE' };
export const locale = (lang: string) => LOCALES[lang] ?? lang;

/** Numbers the way the language writes them: 1.234,5 in Danish and German. */
export function formatNumber(lang: string, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

/** A clock time at the site (Danish 14.05, English 14:05). */
export function formatClock(lang: string, at: Date | string, timeZone = 'Europe/Copenhagen'): string {
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', timeZone }).format(typeof at === 'string' ? new Date(at) : at);
}

/** A range that ends within this many minutes is told as "about now" (libs/domain shown-estimate.ts ABOUT_NOW_MINUTES). */
const ABOUT_NOW_MINUTES = 1;

/**
 * The one way every page tells a wait (issue 18): "ca. N min" first, and the
 * range only where it says more than the plain figure (a spread of 2 minutes
 * or more). No estimate (null: no counter serving the service is open) is a dash.
 * The API gives estimates to the second (issue 23); the whole minutes are made
 * here: the point rounded, the range widened outwards (a low end under a minute
 * is 0: "0–3 min"), and a range that ends within a minute is "about now" ("om lidt").
 */
export function waitText(t: Translate, est: Estimate | null | undefined): { text: string; range: string | null } {
  if (!est) return { text: t('wait.none'), range: null };
  const minutes = Math.round(est.minutes);
  if (est.high <= ABOUT_NOW_MINUTES) return { text: t('wait.soon'), range: null };
  const low = Math.floor(est.low);
  const high = Math.ceil(est.high);
  return { text: t('wait.about', { minutes: Math.max(1, minutes) }), range: high - low >= 2 ? t('wait.range', { low, high }) : null };
}
