import { formatClock, locale } from '@skranke/web';
import { LANGUAGES, ORDER, tr } from '../languages';

export type Translate = ReturnType<typeof tr>;

/** The page's language and the site's zone: everything a text or a time on the page needs. */
export interface Texts {
  lang: string;
  t: Translate;
  /** The site's IANA zone: times are shown as the clock at the site shows them. */
  timeZone: string;
}

/** The languages the booking pages offer (every language file, Danish, English and German first). */
export const PAGE_LANGUAGES = ORDER.filter((l) => LANGUAGES[l]);

/** ?lang= when it names a language the pages have, else `fallback` (a booking's language), else Danish. */
export function requestedLanguage(fallback?: string): string {
  const wanted = new URLSearchParams(location.search).get('lang');
  if (wanted && LANGUAGES[wanted]) return wanted;
  return fallback && LANGUAGES[fallback] ? fallback : 'da';
}

/**
 * The page's texts in `lang` (and <html lang>, which screen readers pronounce by). A server
 * code's text is the booking pages' own where they have one (`booking.error.<code>`: a
 * citizen at home, not at the kiosk the app's other texts speak to), else the shared one.
 */
export function textsFor(lang: string, timeZone: string): Texts {
  document.documentElement.lang = lang;
  const base = tr(lang);
  const t: Translate = (key, vars) => {
    if (key.startsWith('error.')) {
      const own = base(`booking.${key}`, vars);
      if (own !== `booking.${key}`) return own;
    }
    return base(key, vars);
  };
  return { lang, t, timeZone };
}

export function withLang(url: string, lang: string): string {
  const u = new URL(url, location.origin);
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };

/** A site date (YYYY-MM-DD) in full: "torsdag den 10. december 2026". A calendar date has no zone, so it is formatted as UTC noon. */
export function dayText(x: Texts, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(x.lang), { ...DATE, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The clock at the site for an instant: 09.30 in Danish, 09:30 in English and German. */
export const clockText = (x: Texts, iso: string) => formatClock(x.lang, iso, x.timeZone);

/**
 * An instant in full at the site, worded by the language's own rules (Intl's full date and
 * short time): "torsdag den 10. december 2026 kl. 09.30", "Thursday 10 December 2026 at 09:30",
 * "Donnerstag, 10. Dezember 2026 um 09:30".
 */
export function whenText(x: Texts, iso: string): string {
  return new Intl.DateTimeFormat(locale(x.lang), { dateStyle: 'full', timeStyle: 'short', timeZone: x.timeZone }).format(new Date(iso));
}

/** A service's name in the page's language (Danish when the site did not name it in that language). */
export const serviceName = (x: Texts, names: Record<string, string | undefined>) =>
  names[x.lang] ?? names.da ?? Object.values(names).find(Boolean) ?? '';
