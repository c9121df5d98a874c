import type { EventType } from '@skranke/domain';

/**
 * One change at a site as it travels after commit. `payload` is what the event
 * log holds (nothing personal: no note, flags or contact); display and ticket
 * channels get only its allow-listed part (`publicPayload`). `staffPayload` adds
 * what only counter and floor staff may see and is never written to the log.
 */
export interface SiteEvent {
  type: EventType;
  seq: number;
  siteId: string;
  at: string;
  ticketId: string | null;
  counterId: string | null;
  payload: Record<string, unknown>;
  staffPayload?: Record<string, unknown>;
}

export type PendingEvent = Omit<SiteEvent, 'seq' | 'siteId' | 'at'>;

/** Receives a site's events after their transaction committed (realtime fan-out, timers). */
export interface EventSink {
  handle(events: SiteEvent[]): Promise<void>;
}

export const EVENT_SINKS = Symbol('EVENT_SINKS');
