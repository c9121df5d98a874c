import type { EventType } from '@skranke/domain';

/**
 * What public screens and citizens may see, by allow-list (API.md: numbers,
 * services and counter names only). A shape names every key an answer may
 * carry and `allowOnly` copies those and nothing else, so a field added to an
 * event or a view stays off the display and ticket channels until it is named here.
 * `'value'` is a string, number, boolean or null; `'texts'` an object of
 * strings (names per language); `[shape]` an array of that shape.
 */
export type Shape = 'value' | 'texts' | readonly [Shape] | ObjectShape;
export type ObjectShape = { readonly [key: string]: Shape };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `value` with only what `shape` allows; anything else (and anything of the wrong kind) is left out. */
export function allowOnly<T>(shape: Shape, value: T): T {
  return copy(shape, value) as T;
}

function copy(shape: Shape, value: unknown): unknown {
  if (value === null) return null;
  if (shape === 'value') return ['string', 'number', 'boolean'].includes(typeof value) ? value : undefined;
  if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
  if (shape === 'texts') {
    if (!isPlainObject(value)) return undefined;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string'));
  }
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((v) => copy(shape[0], v)).filter((v) => v !== undefined) : undefined;
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(shape as ObjectShape)) {
    if (!Object.hasOwn(value, key)) continue;
    const v = copy(sub, value[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const fields = (...keys: string[]): ObjectShape => Object.fromEntries(keys.map((k) => [k, 'value']));

const ESTIMATE = fields('minutes', 'low', 'high');
const SERVICE_WAIT: ObjectShape = { ...fields('serviceId', 'waiting'), estimatedWait: ESTIMATE };
const TICKET = fields('ticketId', 'number', 'serviceId', 'status', 'counterId', 'counterName', 'seat', 'recallCount');
const CALL = { ...TICKET, ...fields('calledAt') };

/**
 * The public payload of each event type (the envelope `seq, siteId, at, type`
 * travels beside it). A re-prioritisation (`ticket.updated`) and a wait-target
 * alert go out bare: their seq keeps the displays' sequence whole, but that they
 * happened, and to which number, is the floor's business.
 */
export const PUBLIC_EVENT_FIELDS: Record<EventType, ObjectShape> = {
  'ticket.issued': TICKET,
  'ticket.called': CALL,
  'ticket.recalled': CALL,
  'ticket.started': TICKET,
  'ticket.transferred': { ...TICKET, ...fields('fromServiceId', 'toServiceId') },
  'ticket.finished': TICKET,
  'ticket.no-show': TICKET,
  'ticket.cancelled': TICKET,
  'ticket.expired': { ...TICKET, ...fields('reason') }, // why: 'day-closed', never a person's words
  'ticket.updated': {},
  'counter.changed': fields('counterId', 'name', 'state'),
  'queue.changed': { services: [SERVICE_WAIT] },
  'alert.wait-target': {},
};

/** An event's payload as the display and ticket channels get it, live and through `sync`. */
export function publicPayload(type: EventType, payload: Record<string, unknown>): Record<string, unknown> {
  return allowOnly(PUBLIC_EVENT_FIELDS[type] ?? {}, payload);
}

/** `GET …/display-state` and the display's `sync` snapshot. */
export const DISPLAY_STATE: ObjectShape = {
  ...fields('siteId', 'seq', 'at'),
  recentCalls: [fields('seq', 'ticketId', 'number', 'serviceId', 'counterId', 'counterName', 'seat', 'at', 'recall')],
  services: [SERVICE_WAIT],
};

/** `GET /tickets/track/:token`: the citizen's own ticket, nothing of others. */
export const TRACKED_TICKET: ObjectShape = {
  ...fields('siteId', 'siteSlug', 'siteName', 'ticketId', 'number', 'status', 'language', 'issuedAt', 'position', 'ahead', 'counterName', 'seat', 'calledAt'),
  ...fields('notifyChannel', 'turnNearMinutes', 'turnNearNow'),
  notifyChannels: ['value'],
  service: { ...fields('id'), names: 'texts' },
  estimatedWait: ESTIMATE,
};

const OPENING = fields('open', 'opensAt', 'closesAt');

/** `GET /public/sites/:slug/wait-times`, and each site of the municipality widget. */
export const SITE_WAIT_TIMES: ObjectShape = {
  site: fields('slug', 'name', 'municipality'),
  ...fields('at'),
  ...OPENING,
  services: [{ ...fields('serviceId', 'code', 'waiting', 'targetWaitMinutes'), names: 'texts', estimatedWait: ESTIMATE }],
};

/** `GET /kiosk/sites/:slug`: the kiosk's start screen. */
export const KIOSK_START: ObjectShape = {
  site: fields('id', 'slug', 'name', 'municipality'),
  ...OPENING,
  ...fields('bookingUrl'),
  branding: fields('logo', 'primaryColor'),
  services: [{ ...fields('id', 'prefix', 'group', 'waiting', 'counterOpen', 'reachedBeforeClose', 'capReached'), names: 'texts', estimatedWait: ESTIMATE }],
  alternatives: [fields('slug', 'name', 'shortestWaitMinutes')],
};
