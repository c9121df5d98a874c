import { h } from '@skranke/web';
import { t } from '../common/texts';
import { AdminContext, section } from './admin-context';

/** Kiosks and displays; a new device's token is shown once, for the device's URL fragment. */
export function devicesSection(ctx: AdminContext, devices: any[]) {
  const name = h('input', { name: 'deviceName', placeholder: t('devices') });
  const add = (kind: string) =>
    ctx.act(() => ctx.api.post(`${ctx.base}/devices`, { kind, name: name.value || kind }), (res: any) => h('code', { 'data-testid': 'new-token' }, t('newToken', { token: res.token })));
  return section('devices', t('devices'),
    h('ul', {}, devices.map((d) => h('li', {}, `${d.kind}: ${d.name}`))),
    name, h('div', { class: 'choices' }, h('button', { onclick: add('kiosk') }, `${t('add')} kiosk`), h('button', { onclick: add('display') }, `${t('add')} display`)),
  );
}
