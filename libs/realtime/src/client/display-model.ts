/**
 * The waiting-room display's state as a pure reducer over server events. The
 * display page and the tests both use it, so "the display equals the server"
 * is checked against the very code the screen runs.
 */
import { DisplayCall, RECENT_CALLS_KEPT, ServiceWait, displayCallOf } from '../../../domain/src/display-call';

export type { DisplayCall as CallShown, ServiceWait };
export { RECENT_CALLS_KEPT };

export interface DisplayModel {
  siteId: string;
  seq: number;
  recentCalls: DisplayCall[];
  services: ServiceWait[];
}

export interface FeedEvent {
  seq: number;
  siteId: string;
  at: string;
  type: string;
  [field: string]: unknown;
}

export function displayFromSnapshot(s: { siteId: string; seq: number; recentCalls: DisplayCall[]; services: ServiceWait[] }): DisplayModel {
  return { siteId: s.siteId, seq: s.seq, recentCalls: s.recentCalls.slice(0, RECENT_CALLS_KEPT), services: s.services };
}

export function applyDisplayEvent(model: DisplayModel, e: FeedEvent): DisplayModel {
  const next = { ...model, seq: e.seq };
  if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
    const call = displayCallOf(e);
    next.recentCalls = [call, ...model.recentCalls].slice(0, RECENT_CALLS_KEPT);
  } else if (e.type === 'queue.changed') {
    const changed = new Map((e.services as ServiceWait[]).map((s) => [s.serviceId, s]));
    next.services = model.services.map((s) => changed.get(s.serviceId) ?? s);
    for (const s of changed.values()) if (!model.services.some((m) => m.serviceId === s.serviceId)) next.services.push(s);
  }
  return next;
}
