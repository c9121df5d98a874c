import { ApiError, h } from '@skranke/web';
import { t } from '../common/texts';
import { AdminContext, field, section } from './admin-context';
import { hoursEditor } from './hours-editor';

/** The server's reason with the weekday or date in words: "openingHours.weekly.tue: …" → "Tirsdag: …". */
const inWords = (reason: string) => reason.replace(/openingHours\.weekly\.(\w+)/g, (_, d) => t(`day.${d}`)).replace(/^exception (\S+)/, (_, date) => `${t('exception')} ${date}`);

/** The site's name and opening hours; an invalid interval is refused by the server, whose reason is shown. */
export function siteSection(ctx: AdminContext, site: any) {
  const name = h('input', { name: 'siteName', value: site.name, required: true });
  const hours = hoursEditor(site.openingHours ?? { weekly: {} });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'hours-error' });
  const save = async () => {
    error.textContent = '';
    ctx.say('', true);
    try {
      await ctx.api.patch(ctx.base, { name: name.value, openingHours: hours.read() });
      ctx.say(t('saved'), true);
    } catch (e) {
      const reason = e instanceof ApiError ? e.message : String(e);
      error.textContent =
        e instanceof ApiError && e.code === 'invalid_opening_hours' ? t('error.invalid_opening_hours', { reason: inWords(reason) })
        : e instanceof ApiError && e.code === 'cpr_not_allowed' ? t('error.cpr_not_allowed')
        : reason;
    }
  };
  return section('site', t('site'), field(t('name'), name), h('h3', {}, t('openingHours')), hours.element, error, h('button', { 'data-testid': 'save-site', onclick: save }, t('save')));
}
