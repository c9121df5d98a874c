import { useState } from 'preact/hooks';
import { serviceName, t } from '../common/texts';
import type { Service } from './types';

/**
 * A counter's service profile in its order of preference: the chosen services
 * by name, moved up and down with buttons (keyboard and touch alike), removed,
 * or added from the services not yet chosen.
 */
export function ProfileEditor({ id, label, serviceIds, services, set }: { id: string; label: string; serviceIds: string[]; services: Service[]; set: (ids: string[]) => void }) {
  const [adding, setAdding] = useState('');
  const byId = new Map(services.map((s) => [s.id, s]));
  const name = (sid: string) => {
    const s = byId.get(sid);
    return s ? `${s.prefix} · ${serviceName(s.names)}` : t('unknownService');
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...serviceIds];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    set(next);
  };
  const available = services.filter((s) => s.active && !serviceIds.includes(s.id));
  const chosen = available.some((s) => s.id === adding) ? adding : (available[0]?.id ?? '');
  return (
    <fieldset class="profile-editor">
      <legend>{label}</legend>
      {serviceIds.length === 0 ? (
        <p class="muted">{t('profileEmpty')}</p>
      ) : (
        <ol class="profile" data-testid="profile">
          {serviceIds.map((sid, i) => (
            <li key={sid} data-profile-service={byId.get(sid)?.code}>
              <span class="profile-name">{name(sid)}</span>
              <span class="profile-actions">
                <button type="button" class="secondary" aria-label={t('moveUpNamed', { service: name(sid) })} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" class="secondary" aria-label={t('moveDownNamed', { service: name(sid) })} disabled={i === serviceIds.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button type="button" class="secondary" aria-label={t('removeNamed', { name: name(sid) })} onClick={() => set(serviceIds.filter((x) => x !== sid))}>
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {available.length > 0 && (
        <div class="profile-add">
          <label for={`${id}-add`}>{t('addToProfile')}</label>
          <select id={`${id}-add`} name="addService" value={chosen} onChange={(e) => setAdding(e.currentTarget.value)}>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.prefix} · {serviceName(s.names)}
              </option>
            ))}
          </select>
          <button type="button" class="secondary" data-action="add-to-profile" onClick={() => chosen && set([...serviceIds, chosen])}>
            {t('add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
