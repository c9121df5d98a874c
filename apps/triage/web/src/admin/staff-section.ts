import { h } from '@skranke/web';
import { t } from '../common/texts';
import { AdminContext, field, section } from './admin-context';

const ROLES = ['counter', 'floor', 'supervisor', 'admin'] as const;

/** Staff with a role at this site, and a form to create a user with roles here. */
export function staffSection(ctx: AdminContext, users: any[]) {
  const here = users.filter((u) => u.roles.some((r: any) => r.siteId === ctx.siteId));
  const rolesHere = (u: any) => u.roles.filter((r: any) => r.siteId === ctx.siteId).map((r: any) => t(`role.${r.role}`)).join(', ');
  const head = h('thead', {}, h('tr', {}, [t('displayName'), t('username'), t('roles'), ''].map((c) => h('th', {}, c))));
  const list = h('table', {}, head, h('tbody', {}, here.map((u) => h('tr', { 'data-user': u.username }, h('td', {}, u.displayName), h('td', {}, u.username), h('td', {}, rolesHere(u)), h('td', {}, u.active ? '' : t('inactive'))))));
  const username = h('input', { name: 'newUsername', required: true, autocomplete: 'off' });
  const displayName = h('input', { name: 'newDisplayName', required: true });
  const password = h('input', { name: 'newPassword', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' });
  const boxes = ROLES.map((role) => h('input', { type: 'checkbox', name: 'newRole', value: role }));
  const create = ctx.act(() => ctx.api.post('/users', {
    username: username.value.trim(), displayName: displayName.value.trim(), password: password.value,
    roles: boxes.filter((b) => b.checked).map((b) => ({ siteId: ctx.siteId, role: b.value })),
  }), t('saved'));
  return section('staff', t('users'), list,
    h('div', { class: 'create', 'data-testid': 'new-user' },
      h('h3', {}, t('newUser')), field(t('username'), username), field(t('displayName'), displayName), field(t('password'), password),
      h('fieldset', {}, h('legend', {}, t('roles')), boxes.map((b) => h('label', {}, b, ` ${t(`role.${b.value}`)} `))),
      h('button', { 'data-testid': 'create-user', onclick: create }, t('add')),
    ),
  );
}
