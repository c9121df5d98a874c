import { ApiClient, h } from '@skranke/web';
import { serviceName, t } from './texts';

/** The room at a glance and the alerts: shared by the tablet and the dashboard. */
export function waitClass(minutes: number, target: number, warningShare: number): string {
  if (minutes >= target) return 'bad';
  return minutes >= target * warningShare ? 'warn' : 'ok';
}

export function serviceTiles(state: any) {
  const share = state.site.settings.waitWarningShare;
  return h('section', { class: 'tiles', 'aria-label': t('waiting') },
    state.services.map((s: any) =>
      h('div', { class: `tile ${waitClass(s.longestWaitMinutes, s.targetWaitMinutes, share)}`, 'data-service': s.code },
        h('strong', {}, serviceName(s.names)),
        h('span', { class: 'big', 'data-testid': `waiting-${s.code}` }, String(s.waiting)), ` ${t('waiting')}`,
        h('small', {}, t('longest', { min: s.longestWaitMinutes }), ' · ', t('target', { min: s.targetWaitMinutes })),
      ),
    ),
  );
}

export function counterChips(state: any) {
  return h('section', { class: 'chips', 'aria-label': t('counters') },
    state.counters.map((c: any) => h('span', { class: `chip ${c.state}`, 'data-counter': c.name }, `${c.name}: ${t(`state.${c.state}`)}`, c.current[0] ? ` · ${c.current[0].number}` : '')),
  );
}

export function alertList(state: any, api: ApiClient, onDone: () => void) {
  const serviceOf = (id: string) => serviceName(state.services.find((s: any) => s.serviceId === id)?.names ?? {});
  const counterOf = (id: string) => state.counters.find((c: any) => c.id === id)?.name ?? '';
  return h('section', { class: 'alerts', 'aria-label': t('alerts') },
    h('h2', {}, t('alerts')),
    state.alerts.length === 0 ? h('p', { class: 'muted' }, t('noAlerts')) : null,
    state.alerts.map((a: any) => {
      const vars = { ...a.advice, number: a.number ?? a.advice.number ?? '', counter: a.advice.counterName ?? counterOf(a.counterId), service: serviceOf(a.advice.serviceId ?? a.serviceId) };
      const ack = async () => {
        await api.post(a.ticketId ? `/sites/${state.siteId}/alerts/${a.ticketId}/acknowledge` : `/sites/${state.siteId}/alerts/room/${encodeURIComponent(a.id)}/acknowledge`);
        onDone();
      };
      return h('div', { class: `alert ${a.kind}`, role: 'status', 'data-alert': a.id },
        h('strong', {}, t(`alert.${a.kind}`, { ...vars, counter: counterOf(a.counterId) || vars.counter })),
        h('span', { class: 'advice' }, t(`advice.${a.advice.code}`, vars)),
        a.acknowledgeable ? h('button', { class: 'secondary', onclick: ack }, t('acknowledge')) : null,
      );
    }),
  );
}
