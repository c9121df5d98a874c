import '@skranke/web/base.css';
import './common/pages.css';
import { ApiError, h, render } from '@skranke/web';
import { listEditor } from './admin/list-editor';
import { staffGate } from './common/staff-gate';
import { serviceName, t } from './common/texts';

/** Configuration for administrators: site lists, services and targets, counters, staff, devices (token shown once). */
async function main() {
  const app = document.getElementById('app')!;
  const ctx = await staffGate(app);
  const base = `/sites/${ctx.site.id}`;
  const message = h('p', { class: 'status', role: 'status', 'data-testid': 'admin-status' });
  const body = h('div');
  const guard = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
      await draw();
    } catch (e) {
      render(message, e instanceof ApiError ? e.message : String(e));
      message.className = 'status error';
    }
  };
  async function draw() {
    const [site, services, counters, devices] = await Promise.all([ctx.api.get(base), ctx.api.get(`${base}/services`), ctx.api.get(`${base}/counters`), ctx.api.get(`${base}/devices`)]);
    const settings = { topics: [], referralTargets: [], flags: [], ...site.settings };
    const saveList = async (key: string, values: string[]) => void (await ctx.api.patch(base, { settings: { [key]: values } }));
    const serviceRow = (s: any) => {
      const target = h('input', { type: 'number', min: 1, max: 600, value: s.targetWaitMinutes, 'data-target': s.code, style: 'width:6em' }) as HTMLInputElement;
      const save = guard(() => ctx.api.patch(`${base}/services/${s.id}`, { targetWaitMinutes: Number(target.value) }));
      return h('tr', {}, h('td', {}, s.prefix), h('td', {}, serviceName(s.names)), h('td', {}, target, ' min · ', `${s.serviceLevelPercent} %`), h('td', {}, h('button', { class: 'secondary', onclick: save }, t('save'))));
    };
    const deviceName = h('input', { name: 'deviceName', placeholder: t('devices') }) as HTMLInputElement;
    const addDevice = (kind: string) =>
      guard(async () => {
        const res = await ctx.api.post(`${base}/devices`, { kind, name: deviceName.value || kind });
        render(message, h('code', { 'data-testid': 'new-token' }, t('newToken', { token: res.token })));
        message.className = 'status ok';
      });
    render(body,
      h('h2', {}, t('lists')),
      h('div', { class: 'figures' }, listEditor('topics', t('topics'), settings.topics, saveList), listEditor('referralTargets', t('referralTargets'), settings.referralTargets, saveList), listEditor('flags', t('flagList'), settings.flags, saveList)),
      h('h2', {}, t('openingHours')),
      h('pre', {}, JSON.stringify(site.openingHours, null, 1)),
      h('h2', {}, t('services')),
      h('table', {}, h('tbody', {}, services.map(serviceRow))),
      h('h2', {}, t('counters')),
      h('ul', {}, counters.map((c: any) => h('li', {}, `${c.name} (${c.kind}, ${c.seats}): `, c.serviceIds.map((id: string) => services.find((s: any) => s.id === id)?.prefix ?? '?').join(' › ')))),
      h('h2', {}, t('devices')),
      h('ul', {}, devices.map((d: any) => h('li', {}, `${d.kind}: ${d.name}`))),
      deviceName, h('div', { class: 'choices' }, h('button', { onclick: addDevice('kiosk') }, `${t('add')} kiosk`), h('button', { onclick: addDevice('display') }, `${t('add')} display`)),
    );
  }
  render(app, h('header', {}, h('h1', {}, `${t('admin')} · ${ctx.site.name}`)), message, body);
  await guard(async () => undefined)();
  document.body.dataset.ready = 'true';
}

void main();
