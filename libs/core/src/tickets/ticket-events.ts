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

/**
 * The staff payload of a ticket's stored event (see `publishStored`): the
 * ticket as staff see it, with what the event adds (as `ticketEvent` makes it).
 */
export const staffPayloadOf =
  (ticket: Ticket, counterName: string | null) =>
  ({ ticketId, payload }: { ticketId: string | null; payload: Record<string, unknown> }): Record<string, unknown> | undefined => {
    if (ticketId !== ticket.id) return undefined;
    const { ticketId: _id, ...rest } = payload;
    return { ...staffTicket(ticket, counterName), ...rest };
  };
