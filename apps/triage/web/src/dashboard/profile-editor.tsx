import { useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { serviceName, t } from '../common/texts';
import type { Dashboard } from './services-table';

type Counter = Dashboard['counters'][number];

/** Move one id up (-1) or down (+1) in the list. */
export function moved(ids: string[], id: string, by: -1 | 1): string[] {
  const i = ids.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const out = [...ids];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Move `id` to where `target` is (a drop on another row). */
export function movedTo(ids: string[], id: string, target: string): string[] {
  if (id === target || !ids.includes(id) || !ids.includes(target)) return ids;
  const rest = ids.filter((x) => x !== id);
  const at = rest.indexOf(target) + (ids.indexOf(id) < ids.indexOf(target) ? 1 : 0);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * Which services a counter calls, in its order of preference: tick to serve,
 * ↑/↓ to reorder (buttons, so the keyboard works) or drag a row, then save. Edits survive
 * the live refreshes until saved (the component keeps them, keyed by counter).
 */
export function ProfileEditor({ ctx, counter, services, onSaved }: { ctx: StaffContext; counter: Counter; services: Dashboard['services']; onSaved: () => void }) {
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const ids = chosen ?? counter.serviceIds;
  const nameOf = (id: string) => serviceName(services.find((s) => s.serviceId === id)?.names ?? {});
  const others = services.filter((s) => !ids.includes(s.serviceId));
  const change = (next: string[]) => (setChosen(next), setStatus(null));
  const save = async () => {
    try {
      await ctx.api.PATCH('/api/v1/sites/{siteId}/counters/{counterId}', { params: { path: { siteId: ctx.site.id, counterId: counter.id } }, body: { serviceIds: ids } });
      setChosen(null);
      setStatus({ text: t('saved'), ok: true });
      onSaved();
    } catch (e) {
      setStatus({ text: errorText(t, e), ok: false });
    }
  };
  return (
    <div class="profile" data-profile={counter.name}>
      <ol class="profile-order" aria-label={t('profileOrder', { counter: counter.name })}>
        {ids.map((id, i) => (
          <li key={id} data-profile-service={id} draggable class={dragged === id ? 'dragging' : undefined}
            onDragStart={(e) => (setDragged(id), e.dataTransfer?.setData('text/plain', id))}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => (e.preventDefault(), dragged && change(movedTo(ids, dragged, id)), setDragged(null))}
            onDragEnd={() => setDragged(null)}>
            <label>
              <input type="checkbox" checked onChange={() => change(ids.filter((x) => x !== id))} />
              {nameOf(id)}
            </label>
            <span class="order-buttons">
              <button type="button" class="secondary small" disabled={i === 0} aria-label={t('moveUpNamed', { service: nameOf(id) })} onClick={() => change(moved(ids, id, -1))}>↑</button>
              <button type="button" class="secondary small" disabled={i === ids.length - 1} aria-label={t('moveDownNamed', { service: nameOf(id) })} onClick={() => change(moved(ids, id, 1))}>↓</button>
            </span>
          </li>
        ))}
      </ol>
      {others.length ? (
        <ul class="profile-others">
          {others.map((s) => (
            <li key={s.serviceId}>
              <label>
                <input type="checkbox" checked={false} onChange={() => change([...ids, s.serviceId])} />
                {serviceName(s.names)}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" class="secondary" disabled={chosen === null} onClick={() => void save()}>{t('save')}</button>
      <span class={`status ${status?.ok ? 'ok' : 'error'}`} role="status">{status?.text ?? ''}</span>
    </div>
  );
}
