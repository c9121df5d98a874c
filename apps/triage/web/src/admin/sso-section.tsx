import { useEffect, useState } from 'preact/hooks';
import { type TriageSchemas, errorText } from '@skranke/web';
import type { TriageApi } from '../common/api';
import { t } from '../common/texts';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { answer } from './types';

type Entry = TriageSchemas['schemas']['RoleMappingEntryDto'];
type Role = Entry['role'];
const ROLES: Role[] = ['counter', 'floor', 'supervisor', 'reports', 'integration', 'admin'];

/**
 * Which values of the municipality's login (the provider's roles claim, or SAML's role attribute) give which role
 * here (docs/identity.md). The API replaces every entry at the sites the caller administers, so the entries of
 * the caller's other sites are sent back as they were. Shown whether or not a provider is set up: the mapping
 * can be made before the login is switched on, and the section says which case it is.
 */
export function SsoSection({ api, siteId }: { api: TriageApi; siteId: string }) {
  const [rows, setRows] = useState<Entry[]>([]);
  const [others, setOthers] = useState<Entry[]>([]);
  const [configured, setConfigured] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState('');
  const [problems, setProblems] = useState<Record<number, string>>({});
  const save = useSave();
  const keep = (entries: Entry[]) => {
    setRows(entries.filter((e) => e.siteId === siteId));
    setOthers(entries.filter((e) => e.siteId !== siteId));
  };
  useEffect(() => {
    api.GET('/api/v1/sso/role-mapping').then(
      (r) => keep(answer(r).entries),
      (e: unknown) => setLoadError(errorText(t, e)),
    );
    api.GET('/api/v1/auth/providers').then(
      (r) => setConfigured(answer(r).providers.length > 0),
      () => setConfigured(null),
    );
  }, [siteId]);

  const change = (i: number, part: Partial<Entry>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...part } : r)));
  const submit = (ev: Event) => {
    ev.preventDefault();
    const found: Record<number, string> = {};
    rows.forEach((r, i) => {
      if (!r.claim.trim()) found[i] = 'invalid.required';
      else if (rows.some((o, k) => k < i && o.claim.trim() === r.claim.trim() && o.role === r.role)) found[i] = 'invalid.duplicateEntry';
    });
    setProblems(found);
    void save.run(
      async () => {
        const entries = [...others, ...rows.map((r) => ({ ...r, claim: r.claim.trim() }))];
        keep(answer(await api.PUT('/api/v1/sso/role-mapping', { body: { entries } })).entries);
      },
      () => Object.keys(found).length === 0,
    );
  };

  return (
    <Section id="sso" title={t('section.sso')}>
      <p class="explain">{t('sso.intro')}</p>
      {configured !== null && (
        <p class="muted" data-testid="sso-configured" data-configured={String(configured)}>
          {t(configured ? 'sso.configured' : 'sso.notConfigured')}
        </p>
      )}
      {loadError ? (
        <p class="error" role="alert">
          {loadError}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <table class="devices" data-testid="sso-mapping">
            <caption class="sr-only">{t('section.sso')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sso.claim')}</th>
                <th scope="col">{t('sso.role')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-row={i}>
                  <td>
                    <input
                      {...described(`sso-claim-${i}`, problems[i])}
                      aria-label={t('sso.claim')}
                      maxLength={200}
                      value={r.claim}
                      onInput={onText((claim) => change(i, { claim }))}
                    />
                    <CellProblem id={`sso-claim-${i}-problem`} problem={problems[i]} />
                  </td>
                  <td>
                    <select aria-label={t('sso.role')} value={r.role} onChange={(e) => change(i, { role: e.currentTarget.value as Role })}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('sso.removeOne', { claim: r.claim || '–' })}
                      onClick={() => setRows(rows.filter((_, k) => k !== i))}
                    >
                      {t('sso.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!rows.length && <p data-testid="sso-empty">{t('sso.empty')}</p>}
          <button
            type="button"
            class="secondary"
            data-action="sso-add"
            onClick={() => setRows([...rows, { claim: '', role: 'counter', siteId }])}
          >
            {t('sso.add')}
          </button>
          <SaveBar id="sso" state={save.state} />
        </form>
      )}
    </Section>
  );
}
