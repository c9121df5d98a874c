import type { EventType } from '@skranke/domain';

/** Every server event: `{seq, siteId, at, type}` and the payload's fields beside them. */
export interface WireEvent {
  seq: number;
  siteId: string;
  at: string;
  type: EventType;
  [field: string]: unknown;
}

/** A ticket event's fields on the display and ticket channels; `PUBLIC_EVENT_FIELDS` (core public-views.ts) is the allow-list. */
export interface PublicTicketFields {
  ticketId: string;
  number: string;
  serviceId: string;
  status: string;
  counterId: string | null;
  counterName: string | null;
  seat: number | null;
  recallCount: number;
}

export interface QueueFields {
  services: { serviceId: string; waiting: number; estimatedWait: { minutes: number; low: number; high: number } | null }[];
}

/** The typed map of server-to-client events (socket.io `ServerToClientEvents`) as public channels get them; staff channels get more fields. */
export type ServerToClientEvents = {
  [K in EventType]: (event: WireEvent & (K extends 'ticket.updated' ? object : K extends `ticket.${string}` ? PublicTicketFields : K extends 'queue.changed' ? QueueFields : object)) => void;
};

export interface SubscribeRequest {
  siteId: string;
  channel: 'display' | 'floor' | 'counter' | 'ticket';
  trackingToken?: string;
}

export interface SyncRequest {
  siteId: string;
  sinceSeq: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (res: Ack<{ seq: number; ticketId?: string }>) => void) => void;
  sync: (req: SyncRequest, ack: (res: Ack<unknown>) => void) => void;
}
