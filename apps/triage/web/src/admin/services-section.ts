import { h } from '@skranke/web';
import { serviceName, t } from '../common/texts';
import { AdminContext, field, optionalNumber, section } from './admin-context';

const numberInput = (name: string, value: unknown, min: number, max: number) => h('input', { type: 'number', name, min, max, value: value == null ? '' : String(value), style: 'width:6em' });

function serviceRow(ctx: AdminContext, s: any) {
  const target = numberInput('targetWaitMinutes', s.targetWaitMinutes, 1, 600);
  const level = numberInput('serviceLevelPercent', s.serviceLevelPercent, 1, 100);
  const cap = numberInput('dailyCap', s.dailyCap, 1, 100000);
  const url = `${ctx.base}/services/${s.id}`;
  const save = ctx.act(() => ctx.api.patch(url, { targetWaitMinutes: Number(target.value), serviceLevelPercent: Number(level.value), ...(cap.value ? { dailyCap: Number(cap.value) } : {}) }), t('saved'));
  const toggle = ctx.act(() => (s.active ? ctx.api.del(url) : ctx.api.patch(url, { active: true })), t('saved'));
  return h('tr', { 'data-service': s.code, class: s.active ? '' : 'muted' },
    h('td', {}, s.prefix), h('td', {}, serviceName(s.names), s.active ? '' : ` (${t('inactive')})`),
    h('td', {}, target, ' min'), h('td', {}, level, ' %'), h('td', {}, cap),
    h('td', {}, h('button', { class: 'secondary', 'data-action': 'save', onclick: save }, t('save')), ' ', h('button', { class: 'secondary', 'data-action': 'toggle', onclick: toggle }, s.active ? t('deactivate') : t('activate'))),
  );
}

function createForm(ctx: AdminContext) {
  const input = (name: string, attrs: Record<string, string | number> = {}) => h('input', { name, required: true, ...attrs });
  const code = input('code', { placeholder: 'passport', pattern: '[a-z0-9-]{1,40}' });
  const prefix = input('prefix', { placeholder: 'P', maxlength: 3, style: 'width:4em' });
  const names = { da: input('name-da'), en: input('name-en'), de: input('name-de') };
  const target = numberInput('newTarget', 15, 1, 600);
  const level = numberInput('newLevel', 80, 1, 100);
  const cap = numberInput('newCap', '', 1, 100000);
  const create = ctx.act(() => ctx.api.post(`${ctx.base}/services`, {
    code: code.value.trim(), prefix: prefix.value.trim(),
    names: { da: names.da.value, en: names.en.value, de: names.de.value },
    targetWaitMinutes: Number(target.value), serviceLevelPercent: Number(level.value), dailyCap: optionalNumber(cap),
  }), t('saved'));
  return h('div', { class: 'create', 'data-testid': 'new-service' },
    h('h3', {}, t('newService')),
    field(t('code'), code), field(t('prefix'), prefix),
    field(`${t('name')} (da)`, names.da), field(`${t('name')} (en)`, names.en), field(`${t('name')} (de)`, names.de),
    field(t('targetWait'), target), field(t('serviceLevel'), level), field(t('dailyCap'), cap),
    h('button', { 'data-testid': 'create-service', onclick: create }, t('add')),
  );
}

/** Services with their waiting-time target, service level and daily cap; create, edit, deactivate. */
export function servicesSection(ctx: AdminContext, services: any[]) {
  const head = h('tr', {}, [t('prefix'), t('name'), t('targetWait'), t('serviceLevel'), t('dailyCap'), ''].map((c) => h('th', {}, c)));
  return section('services', t('services'), h('table', {}, h('thead', {}, head), h('tbody', {}, services.map((s) => serviceRow(ctx, s)))), createForm(ctx));
}
