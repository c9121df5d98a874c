import '@skranke/web/base.css';
import './widget/widget.css';
import { $, h } from '@skranke/web';
import { SiteWaitTimes, keepRendering, opensLine, pathSegment, serviceTable, updatedLine, widgetLanguage } from './widget/wait-times-view';

/** Embeddable wait times of one site (iframe on a municipal website): /widget/<site slug>?lang=da|en|de; refreshes every 30 s. */
const root = $('#app')!;
const slug = pathSegment(1);
const { lang, t } = widgetLanguage();

keepRendering<SiteWaitTimes>(root, `/public/sites/${encodeURIComponent(slug)}/wait-times`, 30_000, t, (w) => [
  h('h1', {}, `${w.site.name}: ${t('widget.title')}`),
  w.open ? serviceTable(w, lang, t) : [h('p', { class: 'closed-note' }, t('widget.closed')), opensLine(w, lang, t)],
  updatedLine(w.at, lang, t),
]);
