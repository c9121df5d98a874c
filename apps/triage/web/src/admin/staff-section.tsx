import { useState } from 'preact/hooks';
import { errorText, formatClock } from '@skranke/web';
import { lang, t } from '../common/texts';
import type { TriageApi } from '../common/api';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { ROLES, type Role, type StaffUser, afterSave, answer } from './types';

interface Row {
  key: string;
  original?: StaffUser;
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
  active: boolean;
}

let made = 0;
const blank = (): Row => ({ key: `new-${++made}`, username: '', displayName: '', roles: [], password: '', active: true });
const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Staff with a role at this site, and their rows as the editor holds them. */
function rowsOf(users: StaffUser[], siteId: string): Row[] {
  return users
    .filter((u) => u.roles.some((r) => r.siteId === siteId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'))
    .map((u) => ({ key: u.id, original: u, username: u.username, displayName: u.displayName, roles: u.roles.filter((r) => r.siteId === siteId).map((r) => r.role), password: '', active: u.active }));
}

function readRow(r: Row) {
  const p: Record<string, string> = {};
  if (!r.original && !/^[a-z0-9._-]{2,50}$/.test(r.username)) p.username = 'invalid.username';
  if (!r.displayName.trim()) p.displayName = 'invalid.required';
  if ((r.password || !r.original) && (r.password.length < 8 || r.password.length > 200)) p.password = 'invalid.password';
  if (!r.original && r.roles.length === 0) p.roles = 'invalid.role';
  return p;
}

/**
 * Staff at this site: display name, roles here, a new password, active or
 * not, and unlocking a login that wrong passwords locked. Roles at the
 * caller's other sites are kept as they are. One save.
 */
export function StaffSection({ api, siteId, users }: { api: TriageApi; siteId: string; users: StaffUser[] }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(users, siteId));
  const [problems, setProblems] = useState<Record<string, Record<string, string>>>({});
  const [unlocked, setUnlocked] = useState<Record<string, string>>({});
  const save = useSave();
  const update = (key: string, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (ev: Event) => {
    ev.preventDefault();
    const found = Object.fromEntries(rows.map((r) => [r.key, readRow(r)] as const).filter(([, p]) => Object.keys(p).length));
    setProblems(found);
    void save.run(
      async () => {
        const created = new Set<string>();
        let allSaved = false;
        try {
          for (const r of rows) {
            const here = r.roles.map((role) => ({ siteId, role }));
            if (!r.original) {
              await api.POST('/api/v1/users', { body: { username: r.username, displayName: r.displayName.trim(), password: r.password, roles: here } });
              created.add(r.key);
              continue;
            }
            const o = r.original;
            const before = o.roles.filter((x) => x.siteId === siteId).map((x) => x.role);
            const body = {
              ...(r.displayName.trim() !== o.displayName ? { displayName: r.displayName.trim() } : {}),
              ...(r.password ? { password: r.password } : {}),
              ...(r.active !== o.active ? { active: r.active } : {}),
              ...(!sameRoles(before, r.roles) ? { roles: [...o.roles.filter((x) => x.siteId !== siteId), ...here] } : {}),
            };
            if (Object.keys(body).length) await api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: o.id } }, body });
          }
          allSaved = true;
        } finally {
          const fresh = answer(await api.GET('/api/v1/users'));
          setRows((current) => afterSave(current, rowsOf(fresh, siteId), created, allSaved));
        }
      },
      () => Object.keys(found).length === 0,
    );
  };

  const unlock = async (r: Row) => {
    try {
      const res = answer(await api.POST('/api/v1/users/{userId}/unlock', { params: { path: { userId: r.original!.id } } }));
      setUnlocked({ ...unlocked, [r.key]: res.wasLocked ? t('unlockedNow') : t('wasNotLocked') });
    } catch (e) {
      setUnlocked({ ...unlocked, [r.key]: errorText(t, e) });
    }
  };

  return (
    <Section id="staff" title={t('users')}>
      <form noValidate onSubmit={submit}>
        <ul class="editor-rows">
          {rows.map((r) => {
            const id = `user-${r.key}`;
            const p = problems[r.key] ?? {};
            return (
              <li key={r.key} class={`row-card${r.active ? '' : ' inactive'}`} data-user={r.original?.username ?? r.key} data-new={r.original ? undefined : ''}>
                <h3>
                  {r.original ? `${r.original.displayName} (${r.original.username})` : t('newUser')}
                  {r.original && !r.original.active && <span class="badge">{t('inactive')}</span>}
                  {r.original?.loginLockedUntil && !unlocked[r.key] && (
                    <span class="badge locked" data-testid="locked">
                      {t('lockedUntil', { time: formatClock(lang, r.original.loginLockedUntil) })}
                    </span>
                  )}
                </h3>
                <div class="fields">
                  {!r.original && (
                    <div class="field">
                      <label for={`${id}-username`}>{t('username')}</label>
                      <input name="username" autocomplete="off" {...described(`${id}-username`, p.username)} value={r.username} onInput={onText((username) => update(r.key, { username: username.trim() }))} />
                      <CellProblem id={`${id}-username-problem`} problem={p.username} />
                    </div>
                  )}
                  <div class="field">
                    <label for={`${id}-displayName`}>{t('displayName')}</label>
                    <input name="displayName" {...described(`${id}-displayName`, p.displayName)} value={r.displayName} onInput={onText((displayName) => update(r.key, { displayName }))} />
                    <CellProblem id={`${id}-displayName-problem`} problem={p.displayName} />
                  </div>
                  <div class="field">
                    <label for={`${id}-password`}>{r.original ? t('newPassword') : t('password')}</label>
                    <input
                      name="password"
                      type="password"
                      autocomplete="new-password"
                      {...described(`${id}-password`, p.password, r.original ? t('hint.newPassword') : undefined)}
                      value={r.password}
                      onInput={onText((password) => update(r.key, { password }))}
                    />
                    {r.original && (
                      <small class="muted" id={`${id}-password-hint`}>
                        {t('hint.newPassword')}
                      </small>
                    )}
                    <CellProblem id={`${id}-password-problem`} problem={p.password} />
                  </div>
                  <fieldset class="roles" aria-describedby={p.roles ? `${id}-roles-problem` : undefined}>
                    <legend>{t('roles')}</legend>
                    {ROLES.map((role) => (
                      <label class="check" key={role}>
                        <input
                          type="checkbox"
                          name="role"
                          value={role}
                          checked={r.roles.includes(role)}
                          onChange={(e) => update(r.key, { roles: e.currentTarget.checked ? [...r.roles, role] : r.roles.filter((x) => x !== role) })}
                        />
                        {t(`role.${role}`)}
                      </label>
                    ))}
                    <CellProblem id={`${id}-roles-problem`} problem={p.roles} />
                  </fieldset>
                  {r.original && (
                    <label class="check">
                      <input type="checkbox" name="active" checked={r.active} onChange={(e) => update(r.key, { active: e.currentTarget.checked })} />
                      {t('activeUser')}
                    </label>
                  )}
                </div>
                {r.original ? (
                  <div class="row-actions">
                    <button type="button" class="secondary" data-action="unlock" onClick={() => void unlock(r)}>
                      {t('unlock')}
                    </button>
                    <span class="status" role="status">
                      {unlocked[r.key] ?? ''}
                    </span>
                  </div>
                ) : (
                  <button type="button" class="secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                    {t('removeRow')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <button type="button" class="secondary" data-testid="add-user" onClick={() => setRows([...rows, blank()])}>
          {t('addUser')}
        </button>
        <SaveBar id="staff" state={save.state} label={t('saveStaff')} />
      </form>
    </Section>
  );
}
