import type { WaitEstimate } from './wait/simple-estimate';

/** One call as a waiting-room display shows it: a number and a counter, nothing personal. */
export interface DisplayCall {
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

export interface ServiceWait {
  serviceId: string;
  waiting: number;
  /** Null: no open counter serves the service (pages show "–" or say so). */
  estimatedWait: WaitEstimate | null;
}

/** How many calls a display keeps; the snapshot and the live reducer must agree. */
export const RECENT_CALLS_KEPT = 10;

/** The display call of a `ticket.called` / `ticket.recalled` event (fields flat, as on the wire). */
export function displayCallOf(e: { seq: number; type: string; at: string } & Record<string, unknown>): DisplayCall {
  return {
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
}
