import { h } from '@skranke/web';
import type { CallShown, DisplayModel } from '@skranke/realtime/client';
import { serviceName, t } from '../common/texts';

export const RECENT_SHOWN = 6;

export interface DisplayScope {
  services: Set<string> | null;
  counters: Set<string> | null;
}

export interface DeviceInfo {
  site: { id: string; name: string; timezone: string };
  services: { id: string; prefix: string; names: Record<string, string> }[];
}

/** ?services=P,K (prefixes or ids) and ?counters=Skranke 1,… (names or ids) narrow a display to part of the room. */
export function scopeFromUrl(device: DeviceInfo): DisplayScope {
  const q = new URLSearchParams(location.search);
  const list = (name: string) => q.get(name)?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const services = list('services');
  const counters = list('counters');
  return {
    services: services ? new Set(device.services.filter((s) => services.includes(s.prefix) || services.includes(s.id)).map((s) => s.id)) : null,
    counters: counters ? new Set(counters) : null,
  };
}

export const inScope = (scope: DisplayScope, call: CallShown) =>
  (!scope.services || scope.services.has(call.serviceId)) && (!scope.counters || scope.counters.has(call.counterId) || scope.counters.has(call.counterName));

const place = (c: CallShown) => (c.seat && c.seat > 1 ? t('display.counterSeat', { counter: c.counterName, seat: c.seat }) : t('display.counter', { counter: c.counterName }));

/** The newest call large, the previous six beneath, waits per service beside. */
export function displayView(device: DeviceInfo, scope: DisplayScope, model: DisplayModel, spotlight: CallShown | null, flash: boolean): HTMLElement[] {
  const calls = model.recentCalls.filter((c) => inScope(scope, c));
  const big = spotlight ?? calls[0] ?? null;
  const seen = new Set<string>(big ? [big.ticketId] : []);
  const recent = calls.filter((c) => !seen.has(c.ticketId) && seen.add(c.ticketId)).slice(0, RECENT_SHOWN);
  const services = model.services.filter((s) => !scope.services || scope.services.has(s.serviceId));
  return [
    h(
      'section',
      { class: `spotlight${flash ? ' flash' : ''}`, 'aria-live': 'assertive', 'data-seq': big?.seq ?? '' },
      h('h2', {}, t('display.latest')),
      big
        ? h('div', { class: 'call-big' }, h('span', { class: 'number', id: 'latest-number' }, big.number), h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'), h('span', { class: 'counter', id: 'latest-counter' }, place(big)))
        : h('p', { class: 'welcome' }, t('display.noCalls')),
    ),
    h(
      'section',
      { class: 'recent' },
      h('h2', {}, t('display.recent')),
      h('ol', { id: 'recent-calls' }, recent.map((c) => h('li', { 'data-ticket': c.ticketId }, h('span', { class: 'number' }, c.number), h('span', { class: 'counter' }, place(c))))),
    ),
    h(
      'section',
      { class: 'waits' },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('display.waiting')), h('th', {}, t('display.wait')))), h(
        'tbody',
        { id: 'service-waits' },
        services.map((s) => {
          const info = device.services.find((d) => d.id === s.serviceId);
          return h('tr', { 'data-service': s.serviceId }, h('th', {}, info ? serviceName(info.names) : ''), h('td', { class: 'waiting' }, s.waiting), h('td', {}, t('display.waitMinutes', { minutes: s.estimatedWait?.minutes ?? '–' })));
        }),
      )),
    ),
  ];
}
