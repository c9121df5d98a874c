import { ApiError, formatClock, h, render, typedApi, waitText } from '@skranke/web';
import type { TicketingPaths, TicketingSchemas } from '@skranke/web';
import type { Client } from 'openapi-fetch';
import { LANGUAGES, clockTime, tr } from '../languages';

/** What GET /public/sites/:slug/wait-times answers (and, per site, the municipality endpoint). */
export type SiteWaitTimes = TicketingSchemas['schemas']['SiteWaitTimesDto'];
export type MunicipalityWaitTimes = TicketingSchemas['schemas']['MunicipalityWaitTimesDto'];
export type WidgetApi = Client<TicketingPaths>;

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

/** The shared wait format: "ca. 12 min", with the range beneath where it says more; "–" without an estimate. */
function waitCell(est: SiteWaitTimes['services'][number]['estimatedWait'], t: Translate) {
  const w = waitText(t, est);
  return [h('span', { class: 'about' }, w.text), w.range ? h('span', { class: 'range' }, w.range) : null];
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
        h('th', { scope: 'col', class: 'target' }, t('widget.target')),
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
          h('td', { class: 'estimate' }, waitCell(s.estimatedWait, t)),
          h('td', { class: 'target' }, t('widget.targetMinutes', { minutes: s.targetWaitMinutes })),
        ),
      ),
    ),
  );
}

export const opensLine = (w: SiteWaitTimes, lang: string, t: Translate) =>
  w.opensAt ? h('p', { class: 'opens' }, t('widget.opensAt', { when: clockTime(w.opensAt, lang, true) })) : null;

/** Open or closed, and until when it is open today or when it opens next (from the site's opening hours). */
export const openingLine = (w: SiteWaitTimes, lang: string, t: Translate) =>
  h(
    'p',
    { class: 'opening', 'data-open': String(w.open) },
    stateBadge(w, t),
    w.open && w.closesAt ? h('span', { class: 'hours' }, t('widget.openUntil', { time: formatClock(lang, w.closesAt) })) : null,
    !w.open && w.opensAt ? h('span', { class: 'hours' }, t('widget.opensAt', { when: clockTime(w.opensAt, lang, true) })) : null,
  );

export const updatedLine = (at: string, lang: string, t: Translate) =>
  h('p', { class: 'updated' }, t('widget.updated', { time: clockTime(at, lang) }));

/**
 * Fetches with `load` now and every `everyMs`, and again when the page becomes
 * visible; renders `view` of the answer. An address that names nothing says
 * so; any other failure keeps the last figures until the next try.
 */
export function keepRendering<T>(root: Element, load: (api: WidgetApi) => Promise<{ data?: T }>, everyMs: number, t: Translate, view: (data: T) => Child): void {
  const api = typedApi<TicketingPaths>(location.origin, () => null);
  const refresh = async () => {
    try {
      const { data } = await load(api);
      if (data) render(root, view(data));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 404)) render(root, h('p', { class: 'error' }, t('widget.notFound')));
    }
  };
  void refresh();
  setInterval(() => void refresh(), everyMs);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void refresh());
}
