import { h } from '@skranke/web';
import { t } from '../common/texts';

/** A one-per-line editor for a site's topic, referral-target or flag list. */
export function listEditor(key: string, title: string, values: string[], save: (key: string, values: string[]) => Promise<void>) {
  const area = h('textarea', { rows: 6, 'data-list': key, style: 'width:100%;font:inherit' }) as HTMLTextAreaElement;
  area.value = values.join('\n');
  const done = h('span', { class: 'status ok', role: 'status' });
  const submit = async () => {
    await save(key, area.value.split('\n').map((v) => v.trim()).filter(Boolean));
    done.textContent = t('saved');
  };
  return h('div', {}, h('h3', {}, title), area, h('button', { 'data-save-list': key, onclick: submit }, t('save')), done);
}
