/**
 * The waiting-room display's state as a pure reducer over server events. The
 * display page and the tests both use it, so "the display equals the server"
 * is checked against the very code the screen runs.
 */
export interface EstimatedWait {
  minutes: number;
  low: number;
  high: number;
}

export interface ServiceWait {
  serviceId: string;
  waiting: number;
  estimatedWait: EstimatedWait;
}

export interface CallShown {
  seq: number;
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  counterName: string;
  seat: number | null;
  at: string;
  recall: boolean;
}

export interface DisplayModel {
  siteId: string;
  seq: number;
  recentCalls: CallShown[];
  services: ServiceWait[];
}

export interface FeedEvent {
  seq: number;
  siteId: string;
  at: string;
  type: string;
  [field: string]: unknown;
}

export const RECENT_CALLS_KEPT = 10;

export function displayFromSnapshot(s: { siteId: string; seq: number; recentCalls: CallShown[]; services: ServiceWait[] }): DisplayModel {
  return { siteId: s.siteId, seq: s.seq, recentCalls: s.recentCalls.slice(0, RECENT_CALLS_KEPT), services: s.services };
}

export function applyDisplayEvent(model: DisplayModel, e: FeedEvent): DisplayModel {
  const next = { ...model, seq: e.seq };
  if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
    const call: CallShown = {
      seq: e.seq,
      ticketId: e.ticketId as string,
      number: e.number as string,
      serviceId: e.serviceId as string,
      counterId: e.counterId as string,
      counterName: e.counterName as string,
      seat: (e.seat as number | null) ?? null,
      at: e.at,
      recall: e.type === 'ticket.recalled',
    };
    next.recentCalls = [call, ...model.recentCalls].slice(0, RECENT_CALLS_KEPT);
  } else if (e.type === 'queue.changed') {
    const changed = new Map((e.services as ServiceWait[]).map((s) => [s.serviceId, s]));
    next.services = model.services.map((s) => changed.get(s.serviceId) ?? s);
    for (const s of changed.values()) if (!model.services.some((m) => m.serviceId === s.serviceId)) next.services.push(s);
  }
  return next;
}
