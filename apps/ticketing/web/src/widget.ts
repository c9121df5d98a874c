import '@skranke/web/base.css';
import './widget/widget.css';
import { $, h } from '@skranke/web';
import { keepRendering, openingLine, pathSegment, serviceTable, updatedLine, widgetLanguage } from './widget/wait-times-view';

/** Embeddable wait times of one site (iframe on a municipal website): /widget/<site slug>?lang=da|en|de; refreshes every 30 s. */
const root = $('#app')!;
const slug = pathSegment(1);
const { lang, t } = widgetLanguage();

keepRendering(root, (api) => api.GET('/api/v1/public/sites/{slug}/wait-times', { params: { path: { slug } } }), 30_000, t, (w) => [
  h('h1', {}, (document.title = `${w.site.name}: ${t('widget.title')}`)),
  openingLine(w, lang, t),
  w.open ? serviceTable(w, lang, t) : null,
  updatedLine(w.at, lang, t),
]);
