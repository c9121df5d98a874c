import '@skranke/web/base.css';
import './widget/widget.css';
import { $, h } from '@skranke/web';
import {
  keepRendering,
  opensLine,
  pathSegment,
  serviceTable,
  stateBadge,
  updatedLine,
  widgetLanguage,
  type WidgetApi,
} from './widget/wait-times-view';

/** Wait times of every site of a municipality (iframe on its website): /widget/municipality/<slug>?lang=da|en|de; refreshes every 15 s. */
const root = $('#app')!;
const slug = pathSegment(2);
const { lang, t } = widgetLanguage();

const load = (api: WidgetApi) => api.GET('/api/v1/public/municipalities/{municipality}/wait-times', { params: { path: { municipality: slug } } });

keepRendering(root, load, 15_000, t, (m) => [
  h('h1', {}, (document.title = `${m.municipality}: ${t('widget.title')}`)),
  m.sites.map((w) =>
    h(
      'section',
      { class: 'site', 'data-site': w.site.slug, 'aria-label': w.site.name },
      h('h2', {}, h('span', { class: 'name' }, w.site.name), ' ', stateBadge(w, t)),
      w.open ? serviceTable(w, lang, t) : opensLine(w, lang, t),
    ),
  ),
  m.sites[0] && updatedLine(m.sites[0].at, lang, t),
]);
