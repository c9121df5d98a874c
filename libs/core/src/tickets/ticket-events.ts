import type { EventType } from '@skranke/domain';
import type { Ticket } from '@skranke/persistence';
import type { PendingEvent } from '../events/site-event';
import { publicTicket, staffTicket } from '../views/ticket-views';

/** The event for a change to one ticket: public payload for displays, staff payload beside it. */
export function ticketEvent(type: EventType, ticket: Ticket, counterName: string | null, extra: Record<string, unknown> = {}): PendingEvent {
  return {
    type,
    ticketId: ticket.id,
    counterId: ticket.counterId,
    payload: { ...publicTicket(ticket, counterName), ...extra },
    staffPayload: { ...staffTicket(ticket, counterName), ...extra },
  };
}

export const calledEvent = (type: 'ticket.called' | 'ticket.recalled', ticket: Ticket, counterName: string) =>
  ticketEvent(type, ticket, counterName, { calledAt: ticket.calledAt?.toISOString() ?? null });
