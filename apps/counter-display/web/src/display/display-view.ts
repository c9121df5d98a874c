import { h, waitText, type CounterDisplaySchemas } from '@skranke/web';
import { serviceName, t } from '../common/texts';

export const RECENT_SHOWN = 6;

/** What `GET /devices/me` tells a display: its site, the services and counters by name, and how it sounds. */
export type DeviceInfo = CounterDisplaySchemas['schemas']['DeviceMeSchema'];
export type CallShown = CounterDisplaySchemas['schemas']['DisplayCallSchema'];
/** The part of the display state (`GET /sites/:siteId/display-state`, or the live model kept equal to it) the screen shows. */
export type DisplayShown = Pick<CounterDisplaySchemas['schemas']['DisplayStateSchema'], 'recentCalls' | 'services'>;

export interface DisplayScope {
  services: Set<string> | null;
  counters: Set<string> | null;
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

/**
 * Whether a call names its seat: at a counter with several seats every seat is
 * named, the first too ("Medbetjening, plads 1"). A counter the display does
 * not know yet (added since it loaded) is named by seat from seat 2 on.
 */
export function namesSeat(device: DeviceInfo, call: CallShown): boolean {
  if (!call.seat) return false;
  const seats = device.counters.find((c) => c.id === call.counterId)?.seats;
  return seats === undefined ? call.seat > 1 : seats > 1;
}

/** "Skranke 3" or "Medbetjening, plads 1": where the citizen goes. */
export const placeOf = (device: DeviceInfo, c: CallShown) =>
  namesSeat(device, c) ? t('display.counterSeat', { counter: c.counterName, seat: c.seat! }) : t('display.counter', { counter: c.counterName });

/** The newest call large, the previous six beneath, waits per service beside. */
export function displayView(device: DeviceInfo, scope: DisplayScope, model: DisplayShown, spotlight: CallShown | null, flash: boolean): HTMLElement[] {
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
        ? h(
            'div',
            { class: 'call-big' },
            h('span', { class: 'number', id: 'latest-number' }, big.number),
            h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
            h('span', { class: 'counter', id: 'latest-counter' }, placeOf(device, big)),
          )
        : h('p', { class: 'welcome' }, t('display.noCalls')),
    ),
    h(
      'section',
      { class: 'recent' },
      h('h2', {}, t('display.recent')),
      h('ol', { id: 'recent-calls' }, recent.map((c) => h('li', { 'data-ticket': c.ticketId }, h('span', { class: 'number' }, c.number), h('span', { class: 'counter' }, placeOf(device, c))))),
    ),
    h(
      'section',
      { class: 'waits' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('display.service')), h('th', { scope: 'col', class: 'waiting' }, t('display.waiting')), h('th', { scope: 'col', class: 'wait' }, t('display.wait')))),
        h(
          'tbody',
          { id: 'service-waits' },
          services.map((s) => {
            const info = device.services.find((d) => d.id === s.serviceId);
            // Nobody waiting: nothing to wait for, whatever a new ticket could expect.
            const wait = waitText(t, s.waiting > 0 ? s.estimatedWait : null).text;
            return h('tr', { 'data-service': s.serviceId }, h('th', { scope: 'row' }, info ? serviceName(info.names) : ''), h('td', { class: 'waiting' }, s.waiting), h('td', { class: 'wait' }, wait));
          }),
        ),
      ),
    ),
  ];
}
