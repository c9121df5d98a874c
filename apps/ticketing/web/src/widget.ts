import '@skranke/web/base.css';
import { $, apiClient, h, render } from '@skranke/web';
import { LANGUAGES, tr } from './languages';

/** Embeddable wait times (iframe on a municipal website): ?lang=da|en|de; refreshes every 30 s. */
interface WaitTimes {
  site: { name: string };
  open: boolean;
  services: { code: string; names: Record<string, string>; waiting: number; estimatedWait: { minutes: number } | null }[];
}

const root = $('#app')!;
const slug = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const wanted = new URLSearchParams(location.search).get('lang') ?? 'da';
const lang = LANGUAGES[wanted] ? wanted : 'da';
const t = tr(lang);
const api = apiClient(location.origin, () => null);
document.documentElement.lang = lang;

async function refresh(): Promise<void> {
  const w = await api.get<WaitTimes>(`/public/sites/${encodeURIComponent(slug)}/wait-times`).catch(() => null);
  if (!w) return;
  render(
    root,
    h('h1', { style: 'font-size:1.2em' }, `${w.site.name}: ${t('widget.title')}`),
    w.open
      ? h(
          'table',
          { class: 'wait-times' },
          h('tbody', {}, w.services.map((s) => h('tr', {}, h('th', { scope: 'row', style: 'text-align:left;padding-right:1em' }, s.names[lang] ?? s.names.da), h('td', {}, t('widget.waiting', { n: s.waiting })), h('td', {}, t('widget.minutes', { minutes: s.estimatedWait?.minutes ?? 0 }))))),
        )
      : h('p', {}, t('widget.closed')),
  );
}

void refresh();
setInterval(() => void refresh(), 30_000);
