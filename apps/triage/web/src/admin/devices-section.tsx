import { useState } from 'preact/hooks';
import { type AppConfig, errorText, formatClock } from '@skranke/web';
import { lang, t } from '../common/texts';
import type { TriageApi } from '../common/api';
import { CellProblem, Section, described, onText, useSave } from './section';
import { type Device, answer } from './types';

type Kind = Device['kind'];

/** "I dag 10.32" or "3. dec. 10.32" (at the site, Copenhagen): when a device last used its token. */
function seenText(at: string | null): string {
  if (!at) return t('neverSeen');
  const day = (d: Date) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'short', timeZone: 'Europe/Copenhagen' }).format(d);
  const when = new Date(at);
  return `${day(when) === day(new Date()) ? t('today') : day(when)} ${formatClock(lang, when)}`;
}

/** The address a new device opens, with its token in the fragment (never sent to a server). */
function deviceUrl(config: AppConfig, kind: Kind, slug: string, token: string) {
  return kind === 'kiosk' ? `${config.urls.ticketing}/kiosk/${encodeURIComponent(slug)}#token=${token}` : `${config.urls.counterDisplay}/display#token=${token}`;
}

/**
 * Kiosks and waiting-room displays: kind, last seen, revoked or not. A new
 * device's token (in its address) is shown once; revoking asks first and ends
 * the token at once on every app.
 */
export function DevicesSection({ api, config, siteId, slug, devices }: { api: TriageApi; config: AppConfig; siteId: string; slug: string; devices: Device[] }) {
  const [list, setList] = useState(devices);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('kiosk');
  const [problem, setProblem] = useState<string | undefined>();
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revokeState, setRevokeState] = useState('');
  const save = useSave();
  const path = { siteId };
  const reload = async () => setList(answer(await api.GET('/api/v1/sites/{siteId}/devices', { params: { path } })));

  const create = (ev: Event) => {
    ev.preventDefault();
    const bad = name.trim() ? undefined : 'invalid.required';
    setProblem(bad);
    setCreated(null);
    void save.run(
      async () => {
        const device = answer(await api.POST('/api/v1/sites/{siteId}/devices', { params: { path }, body: { kind, name: name.trim() } }));
        setCreated({ name: device.name, url: deviceUrl(config, device.kind, slug, device.token) });
        setName('');
        await reload();
        return t('deviceCreated', { name: device.name });
      },
      () => !bad,
    );
  };

  const revoke = async (d: Device) => {
    setConfirming(null);
    try {
      await api.DELETE('/api/v1/sites/{siteId}/devices/{deviceId}', { params: { path: { siteId, deviceId: d.id } } });
      setRevokeState(t('deviceRevoked', { name: d.name }));
      await reload();
    } catch (e) {
      setRevokeState(errorText(t, e));
    }
  };

  return (
    <Section id="devices" title={t('devices')}>
      <table class="devices">
        <caption class="muted">{t('devicesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('lastSeen')}</th>
            <th scope="col">{t('deviceState')}</th>
            <th scope="col">
              <span class="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.id} data-device={d.name} class={d.revokedAt ? 'inactive' : ''}>
              <td>{d.name}</td>
              <td>{t(`device.${d.kind}`)}</td>
              <td data-field="last-seen">{seenText(d.lastSeenAt)}</td>
              <td>{d.revokedAt ? t('revokedAt', { when: seenText(d.revokedAt) }) : t('deviceActive')}</td>
              <td>
                {!d.revokedAt &&
                  (confirming === d.id ? (
                    <span class="row-actions">
                      <button type="button" class="danger" data-action="confirm-revoke" onClick={() => void revoke(d)}>
                        {t('confirmRevoke', { name: d.name })}
                      </button>
                      <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                        {t('cancelAction')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" class="secondary" data-action="revoke" aria-label={t('revokeNamed', { name: d.name })} onClick={() => setConfirming(d.id)}>
                      {t('revoke')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="status" role="status" data-testid="status-revoke">
        {revokeState}
      </p>

      <form noValidate onSubmit={create} class="row-card" data-testid="new-device">
        <h3>{t('newDevice')}</h3>
        <div class="fields">
          <div class="field">
            <label for="device-name">{t('name')}</label>
            <input name="deviceName" maxLength={80} {...described('device-name', problem)} value={name} onInput={onText(setName)} />
            <CellProblem id="device-name-problem" problem={problem} />
          </div>
          <div class="field">
            <label for="device-kind">{t('kind')}</label>
            <select id="device-kind" name="deviceKind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
              <option value="kiosk">{t('device.kiosk')}</option>
              <option value="display">{t('device.display')}</option>
            </select>
          </div>
        </div>
        <div class="save-bar">
          <button type="submit" data-testid="create-device" disabled={save.state.kind === 'busy'}>
            {t('createDevice')}
          </button>
          <p class="status" role="status" data-testid="status-devices">
            {save.state.kind === 'saved' ? save.state.text : ''}
          </p>
          {save.state.kind === 'failed' && (
            <p class="error" role="alert">
              {save.state.text}
            </p>
          )}
        </div>
        {created && (
          <div class="token-once" data-testid="new-token">
            <p>{t('tokenOnce', { name: created.name })}</p>
            <label for="device-url">{t('deviceUrl')}</label>
            <input id="device-url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" class="secondary" onClick={() => setCreated(null)}>
              {t('tokenNoted')}
            </button>
          </div>
        )}
      </form>
    </Section>
  );
}
