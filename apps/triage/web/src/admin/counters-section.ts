import { h } from '@skranke/web';
import { serviceName, t } from '../common/texts';
import { AdminContext, field, section } from './admin-context';

const KINDS = ['counter', 'desk', 'assisted-self-service'] as const;

/** The service profile in order of preference: tick services, move them up. */
function profilePicker(services: any[]) {
  const list = h('ol', { class: 'profile', 'data-testid': 'profile' });
  const item = (s: any) => {
    const box = h('input', { type: 'checkbox', value: s.id, 'data-profile': s.code });
    const up = h('button', { class: 'secondary', type: 'button', 'aria-label': `${t('moveUp')} ${s.prefix}`, onclick: () => li.previousElementSibling?.before(li) }, '↑');
    const li = h('li', {}, h('label', {}, box, ` ${s.prefix} ${serviceName(s.names)}`), ' ', up);
    return li;
  };
  list.append(...services.filter((s) => s.active).map(item));
  const read = () => [...list.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.value);
  return { element: list, read };
}

function createForm(ctx: AdminContext, services: any[]) {
  const name = h('input', { name: 'counterName', required: true, placeholder: 'Skranke 4' });
  const kind = h('select', { name: 'counterKind' }, KINDS.map((k) => h('option', { value: k }, t(`kind.${k}`))));
  const seats = h('input', { type: 'number', name: 'seats', min: 1, max: 12, value: 1, style: 'width:5em' });
  const seatsField = field(t('seats'), seats);
  const showSeats = () => (seatsField.hidden = kind.value !== 'assisted-self-service');
  kind.addEventListener('change', showSeats);
  showSeats();
  const profile = profilePicker(services);
  const create = ctx.act(() => ctx.api.post(`${ctx.base}/counters`, {
    name: name.value.trim(), kind: kind.value, serviceIds: profile.read(),
    ...(kind.value === 'assisted-self-service' ? { seats: Number(seats.value) } : {}),
  }), t('saved'));
  return h('div', { class: 'create', 'data-testid': 'new-counter' },
    h('h3', {}, t('newCounter')), field(t('name'), name), field(t('kind'), kind), seatsField,
    h('p', {}, t('profileHelp')), profile.element,
    h('button', { 'data-testid': 'create-counter', onclick: create }, t('add')),
  );
}

/** Counters with their kind and ordered service profile; create, and remove (the server refuses an open counter). */
export function countersSection(ctx: AdminContext, counters: any[], services: any[]) {
  const prefix = (id: string) => services.find((s) => s.id === id)?.prefix ?? '?';
  const row = (c: any) => h('li', { 'data-counter': c.name },
    `${c.name} · ${t(`kind.${c.kind}`)}${c.kind === 'assisted-self-service' ? ` · ${c.seats} ${t('seats')}` : ''} · ${t(`state.${c.state}`)}: `,
    c.serviceIds.map(prefix).join(' › '), ' ',
    h('button', { class: 'secondary', 'data-action': 'remove', onclick: ctx.act(() => ctx.api.del(`${ctx.base}/counters/${c.id}`), t('saved')) }, t('remove')),
  );
  return section('counters', t('counters'), h('ul', {}, counters.map(row)), createForm(ctx, services));
}
