import { type TriageSchemas, errorText } from '@skranke/web';
import type { TriageApi } from './api';
import { serviceName, t } from './texts';

export type FloorState = TriageSchemas['schemas']['FloorStateSchema'];
export type FloorService = TriageSchemas['schemas']['FloorServiceSchema'];
export type FloorCounter = TriageSchemas['schemas']['FloorCounterSchema'];
export type FloorAlert = TriageSchemas['schemas']['FloorAlertSchema'];

/** The room at a glance and the alerts: shared by the tablet and the dashboard. */
export function waitClass(minutes: number, target: number, warningShare: number): string {
  if (minutes >= target) return 'bad';
  return minutes >= target * warningShare ? 'warn' : 'ok';
}

export function ServiceTiles({ state }: { state: FloorState }) {
  const share = state.site.settings.waitWarningShare;
  return (
    <section class="tiles" aria-label={t('waitingNow')}>
      {state.services.map((s) => (
        <div key={s.serviceId} class={`tile ${waitClass(s.longestWaitMinutes, s.targetWaitMinutes, share)}`} data-service={s.code}>
          <strong>{serviceName(s.names)}</strong>
          <span>
            <span class="big" data-testid={`waiting-${s.code}`}>{s.waiting}</span> {t('waiting')}
          </span>
          <small>{t('longestOfTarget', { min: s.longestWaitMinutes, target: s.targetWaitMinutes })}</small>
        </div>
      ))}
    </section>
  );
}

/** What each seat of a counter holds: "Medbetjening, plads 2: P012"; a one-seat counter is just its name. */
export function seatLines(c: FloorCounter): { seat: number; label: string; number: string | null }[] {
  const seats = Array.from({ length: Math.max(1, c.seats) }, (_, i) => i + 1);
  return seats.map((seat) => {
    const ticket = c.current.find((tk) => (tk.seat ?? 1) === seat);
    return { seat, label: c.seats > 1 ? t('seatOf', { counter: c.name, seat }) : c.name, number: ticket?.number ?? null };
  });
}

export function CounterChips({ state }: { state: FloorState }) {
  return (
    <section aria-label={t('counters')}>
      <ul class="chips">
        {state.counters.map((c) => (
          <li key={c.id} class={`chip ${c.state}`} data-counter={c.name}>
            <span class="chip-state">{t(`state.${c.state}`)}</span>
            {c.state !== 'open' && !c.current.length ? (
              <span class="chip-seat">{c.name}</span>
            ) : (
              seatLines(c).map((s) => (
                <span key={s.seat} class="chip-seat" data-seat={s.seat}>
                  {s.label}: {s.number ?? t('seatFree')}
                </span>
              ))
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AlertList({ state, api, onDone, onError }: { state: FloorState; api: TriageApi; onDone: () => void; onError: (text: string) => void }) {
  const serviceOf = (id: string | null | undefined) => serviceName(state.services.find((s) => s.serviceId === id)?.names ?? {});
  const counterOf = (id: string | null) => state.counters.find((c) => c.id === id)?.name ?? '';
  const ack = async (a: FloorAlert) => {
    const siteId = state.siteId;
    try {
      if (a.ticketId) await api.POST('/api/v1/sites/{siteId}/alerts/{ticketId}/acknowledge', { params: { path: { siteId, ticketId: a.ticketId } } });
      else await api.POST('/api/v1/sites/{siteId}/alerts/room/{alertId}/acknowledge', { params: { path: { siteId, alertId: a.id } } });
    } catch (e) {
      onError(errorText(t, e));
    }
    onDone();
  };
  return (
    <section class="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts')}</h2>
      {state.alerts.length === 0 ? <p class="muted">{t('noAlerts')}</p> : null}
      {state.alerts.map((a) => {
        const vars = {
          extra: a.advice.extra ?? 0,
          level: a.advice.level ?? 0,
          target: a.advice.target ?? 0,
          number: a.number ?? a.advice.number ?? '',
          counter: counterOf(a.counterId) || (a.advice.counterName ?? ''),
          service: serviceOf(a.advice.serviceId ?? a.serviceId),
        };
        return (
          <div key={a.id} class={`alert ${a.kind}`} data-alert={a.id}>
            <strong>{t(`alert.${a.kind}`, vars)}</strong>
            <span class="advice">{t(`advice.${a.advice.code}`, { ...vars, counter: a.advice.counterName ?? vars.counter })}</span>
            {a.acknowledgeable ? (
              <button type="button" class="secondary" onClick={() => void ack(a)}>{t('acknowledge')}</button>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
