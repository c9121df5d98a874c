import { markRequestTraced } from '../audit/request-trail';
import { EventSink, SiteEvent } from './site-event';

/**
 * Sink work still running. The answer does not wait for it (scheduling a
 * ticket's wait timers is no business of the kiosk's); a graceful shutdown
 * does, through `settleSinks`, before the queues and connections close.
 */
const sinking = new Set<Promise<unknown>>();

/** Hands committed events to the sinks; a sink failure never undoes a change (clients see the gap and sync from the log). */
export function publish(sinks: readonly EventSink[], events: SiteEvent[]): void {
  if (!events.length) return;
  // Ticket and counter events hold the request's actor: the audit log reads them from ticket_event.
  if (events.some((e) => e.type !== 'queue.changed' && e.type !== 'alert.wait-target')) markRequestTraced();
  const p = Promise.all(sinks.map((s) => s.handle(events).catch(() => undefined)));
  sinking.add(p);
  void p.finally(() => sinking.delete(p));
}

export async function settleSinks(): Promise<void> {
  while (sinking.size) await Promise.all([...sinking]);
}
