import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, formatNumber } from '@skranke/web';
import type { FloorService, FloorState } from '../common/room-view';
import type { StaffContext } from '../common/staff-gate';
import { labelOf, lang, serviceName, t } from '../common/texts';

type Ticket = FloorService['tickets'][number];
type Menu = { ticketId: string; kind: 'move' | 'cancel' } | null;

interface Props {
  ctx: StaffContext;
  state: FloorState;
  /** Only these tickets (a number search), highlighted; null: everyone waiting. */
  only: Set<string> | null;
  refresh: () => void;
  report: (text: string) => void;
}

/**
 * Waiting tickets per service with notes and flags; move, re-prioritise or
 * cancel, each recorded with who did it. Services nobody waits for are
 * folded into one line, so the tablet shows the queues that need someone.
 */
export function WaitingList({ ctx, state, only, refresh, report }: Props) {
  // The menu opened on a ticket stays open when a live update redraws the list.
  const [menu, setMenu] = useState<Menu>(null);
  const now = Date.parse(state.at);
  const act = (fn: () => Promise<unknown>) => async () => {
    setMenu(null);
    try {
      await fn();
    } catch (e) {
      report(errorText(t, e));
    }
    refresh();
  };
  const shown = state.services
    .map((s) => ({ service: s, tickets: only ? s.tickets.filter((tk) => only.has(tk.id)) : s.tickets }))
    .filter((s) => s.tickets.length > 0);
  const empty = only ? [] : state.services.filter((s) => s.tickets.length === 0);

  const row = (s: FloorService, tk: Ticket) => {
    const path = { path: { ticketId: tk.id } };
    const open = menu?.ticketId === tk.id ? menu.kind : null;
    const minutes = Math.max(0, Math.floor((now - Date.parse(tk.issuedAt)) / 60000));
    return (
      <li key={tk.id} data-ticket={tk.number} class={only ? 'highlight' : undefined}>
        <strong class="ticket-number">{tk.number}</strong> <span>{t('waitedMinutes', { min: formatNumber(lang, minutes) })}</span>
        {tk.priority ? <span class="badge">{t('prioritised')}</span> : null}
        {tk.flags.map((f) => <span key={f} class="badge flag">{labelOf(state.site.settings.flags, f)}</span>)}
        {tk.note ? <div class="note">{tk.note}</div> : null}
        <div class="actions">
          {open === 'move' ? (
            <>
              <span>{t('moveTo')}</span>
              {state.services.filter((o) => o.serviceId !== s.serviceId).map((o) => (
                <button type="button" key={o.serviceId} data-move-to={o.code}
                  onClick={act(() => ctx.counterApi.POST('/api/v1/tickets/{ticketId}/transfer', { params: path, body: { serviceId: o.serviceId, placement: 'by-arrival' } }))}>
                  {serviceName(o.names)}
                </button>
              ))}
              <button type="button" class="secondary" onClick={() => setMenu(null)}>{t('back')}</button>
            </>
          ) : open === 'cancel' ? (
            <>
              <button type="button" class="danger" data-confirm-cancel={tk.number} onClick={act(() => ctx.counterApi.POST('/api/v1/tickets/{ticketId}/cancel', { params: path }))}>
                {t('confirmCancel', { number: tk.number })}
              </button>
              <button type="button" class="secondary" onClick={() => setMenu(null)}>{t('back')}</button>
            </>
          ) : (
            <>
              <button type="button" class="secondary" onClick={() => setMenu({ ticketId: tk.id, kind: 'move' })}>{t('move')}</button>
              <button type="button" class="secondary"
                onClick={act(() => ctx.api.POST('/api/v1/sites/{siteId}/tickets/{ticketId}/priority', { params: { path: { siteId: ctx.site.id, ticketId: tk.id } }, body: { priority: tk.priority ? 0 : 1 } }))}>
                {tk.priority ? t('lowerPriority') : t('raisePriority')}
              </button>
              <button type="button" class="secondary" onClick={() => setMenu({ ticketId: tk.id, kind: 'cancel' })}>{t('cancel')}</button>
            </>
          )}
        </div>
      </li>
    );
  };

  return (
    <section class="waiting-list" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('waitingList')}</h2>
      {shown.map(({ service, tickets }) => (
        <div key={service.serviceId} data-waiting-service={service.code}>
          <h3>{serviceName(service.names)} <span class="muted">({formatNumber(lang, service.waiting)})</span></h3>
          <ul>{tickets.map((tk) => row(service, tk))}</ul>
        </div>
      ))}
      {!only && shown.length === 0 ? <p class="muted">{t('nobodyWaiting')}</p> : null}
      {empty.length > 0 ? (
        <details class="empty-services" data-testid="empty-services">
          <summary>{t('emptyServices', { count: empty.length })}</summary>
          <ul>{empty.map((s) => <li key={s.serviceId} data-empty-service={s.code}>{serviceName(s.names)}</li>)}</ul>
        </details>
      ) : null}
    </section>
  );
}

/** Keeps the first found ticket in view and focused, so the floor-walker sees it at once. */
export function useScrollToFirst(selector: string | null) {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!selector || done.current === selector) return;
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return;
    done.current = selector;
    el.scrollIntoView({ block: 'center' });
  });
}
