import { ApiError, apiClient, h, render } from '@skranke/web';
import { LANGUAGES, clockTime, tr } from '../languages';

/** What GET /public/sites/:slug/wait-times answers (and, per site, the municipality endpoint). */
export interface SiteWaitTimes {
  site: { slug: string; name: string };
  at: string;
  open: boolean;
  opensAt: string | null;
  services: {
    code: string;
    names: Record<string, string>;
    waiting: number;
    estimatedWait: { minutes: number; low: number; high: number } | null;
    targetWaitMinutes: number;
  }[];
}

export type Translate = ReturnType<typeof tr>;
type Child = Parameters<typeof render>[1];

/** ?lang=da|en|de (any language with a file in ../i18n), Danish otherwise; sets the page's lang. */
export function widgetLanguage(): { lang: string; t: Translate } {
  const wanted = new URLSearchParams(location.search).get('lang') ?? 'da';
  const lang = LANGUAGES[wanted] ? wanted : 'da';
  document.documentElement.lang = lang;
  return { lang, t: tr(lang) };
}

/** The n-th segment of the page's path, decoded ('/widget/municipality/<slug>' → 2 is the slug). */
export function pathSegment(n: number): string {
  const raw = location.pathname.split('/').filter(Boolean)[n] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The wait a citizen drawing a ticket now can expect, as a range when the estimate is one. */
export function waitText(est: SiteWaitTimes['services'][number]['estimatedWait'], t: Translate): string {
  if (!est || est.high < 1) return t('widget.underMinute');
  const low = Math.floor(est.low);
  const high = Math.ceil(est.high);
  return high - low >= 2 ? t('widget.range', { low, high }) : t('widget.minutes', { minutes: Math.max(1, Math.round(est.minutes)) });
}

export const stateBadge = (w: SiteWaitTimes, t: Translate) =>
  h('span', { class: `state ${w.open ? 'open' : 'closed'}` }, t(w.open ? 'widget.open' : 'widget.closed'));

/** One row per service: waiting now, expected wait, the target. */
export function serviceTable(w: SiteWaitTimes, lang: string, t: Translate): HTMLTableElement {
  return h(
    'table',
    { class: 'wait-times' },
    h('caption', { class: 'sr-only' }, `${w.site.name}: ${t('widget.title')}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('widget.service')),
        h('th', { scope: 'col', class: 'num' }, t('widget.waitingHeader')),
        h('th', { scope: 'col' }, t('widget.estimate')),
        h('th', { scope: 'col' }, t('widget.target')),
      ),
    ),
    h(
      'tbody',
      {},
      w.services.map((s) =>
        h(
          'tr',
          { 'data-service': s.code },
          h('th', { scope: 'row' }, s.names[lang] ?? s.names.da),
          h('td', { class: 'num waiting' }, s.waiting),
          h('td', { class: 'estimate' }, waitText(s.estimatedWait, t)),
          h('td', { class: 'target' }, t('widget.targetMinutes', { minutes: s.targetWaitMinutes })),
        ),
      ),
    ),
  );
}

export const opensLine = (w: SiteWaitTimes, lang: string, t: Translate) =>
  w.opensAt ? h('p', { class: 'opens' }, t('widget.opensAt', { when: clockTime(w.opensAt, lang, true) })) : null;

export const updatedLine = (at: string, lang: string, t: Translate) =>
  h('p', { class: 'updated' }, t('widget.updated', { time: clockTime(at, lang) }));

/**
 * Fetches `path` now and every `everyMs`, and again when the page becomes
 * visible; renders `view` of the answer. An address that names nothing says
 * so; any other failure keeps the last figures until the next try.
 */
export function keepRendering<T>(root: Element, path: string, everyMs: number, t: Translate, view: (data: T) => Child): void {
  const api = apiClient(location.origin, () => null);
  const refresh = async () => {
    try {
      render(root, view(await api.get<T>(path)));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 404)) render(root, h('p', { class: 'error' }, t('widget.notFound')));
    }
  };
  void refresh();
  setInterval(() => void refresh(), everyMs);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void refresh());
}
