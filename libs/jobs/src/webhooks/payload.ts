import { allowOnly, type ObjectShape } from '@skranke/core';
import { EVENT_TYPES, type EventType } from '@skranke/domain';

/**
 * What other systems get of an event, by allow-list: ids, numbers, services,
 * counters, states and times, never a note, phone, e-mail or name of a person
 * (the log holds none, and a field added to an event later stays out until it is
 * named here). The same body goes to webhooks and the event feed.
 */
const fields = (...keys: string[]): ObjectShape => Object.fromEntries(keys.map((k) => [k, 'value']));

const TICKET = fields('ticketId', 'number', 'serviceId', 'status', 'counterId', 'counterName', 'seat', 'recallCount', 'priority', 'channel');
const CALL = { ...TICKET, ...fields('calledAt') };
const ESTIMATE = fields('minutes', 'low', 'high');

export const WEBHOOK_EVENT_FIELDS: Record<EventType, ObjectShape> = {
  'ticket.issued': TICKET,
  'ticket.called': CALL,
  'ticket.recalled': CALL,
  'ticket.started': TICKET,
  'ticket.transferred': { ...TICKET, ...fields('fromServiceId', 'toServiceId', 'placement') },
  'ticket.finished': TICKET,
  'ticket.no-show': TICKET,
  'ticket.cancelled': TICKET,
  'ticket.expired': { ...TICKET, ...fields('reason') },
  'ticket.updated': fields('ticketId', 'number', 'serviceId', 'status', 'priority', 'previousPriority'),
  'counter.changed': fields('counterId', 'name', 'state', 'kind'),
  'queue.changed': { services: [{ ...fields('serviceId', 'waiting'), estimatedWait: ESTIMATE }] },
  'alert.wait-target': fields('ticketId', 'number', 'serviceId', 'kind', 'waitedMinutes', 'targetMinutes'),
};

/** Event types one may subscribe to. */
export const WEBHOOK_EVENT_TYPES: readonly EventType[] = EVENT_TYPES;

/** A row of `ticket_event` as the dispatcher and the feed read it. */
export interface LoggedEvent {
  siteId: string;
  seq: number;
  type: EventType;
  at: Date;
  ticketId: string | null;
  counterId: string | null;
  payload: Record<string, unknown>;
}

/** The Standard Webhooks body: `{type, timestamp, data}`; `data` names the site and seq first. */
export interface WebhookMessage {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown> & { siteId: string; seq: number };
}

export function webhookMessage(e: LoggedEvent): WebhookMessage {
  const data = allowOnly(WEBHOOK_EVENT_FIELDS[e.type] ?? {}, e.payload ?? {});
  const ids: Record<string, string> = {};
  if (e.ticketId && 'ticketId' in (WEBHOOK_EVENT_FIELDS[e.type] ?? {})) ids.ticketId = e.ticketId;
  if (e.counterId && 'counterId' in (WEBHOOK_EVENT_FIELDS[e.type] ?? {})) ids.counterId = e.counterId;
  return { type: e.type, timestamp: new Date(e.at).toISOString(), data: { siteId: e.siteId, seq: e.seq, ...ids, ...data } };
}
