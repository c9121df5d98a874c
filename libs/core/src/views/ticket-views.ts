import type { WaitEstimate } from '@skranke/domain';
import type { Ticket } from '@skranke/persistence';

/** What a display, the citizen's page and the event log may carry: number and counter, nothing personal. */
export function publicTicket(t: Ticket, counterName: string | null) {
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    counterId: t.counterId,
    counterName,
    seat: t.seat,
    recallCount: t.recallCount,
  };
}

/** The ticket as staff see it: adds the floor-walker's note and flags. */
export function staffTicket(t: Ticket, counterName: string | null) {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    issuedServiceId: t.issuedServiceId,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    language: t.language,
    appointmentAt: t.appointmentAt?.toISOString() ?? null,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    startedAt: t.startedAt?.toISOString() ?? null,
    endedAt: t.endedAt?.toISOString() ?? null,
    counterId: t.counterId,
    counterName,
    seat: t.seat,
    recallCount: t.recallCount,
    transferCount: t.transferCount,
    outcome: t.outcome,
    helpMode: t.helpMode,
    note: t.note,
    flags: t.flags,
  };
}

export type StaffTicketView = ReturnType<typeof staffTicket>;

/** The response to whoever created the ticket (kiosk, floor-walker, integration). */
export function issuedTicket(t: Ticket, position: number, estimate: WaitEstimate | null) {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    priority: t.priority,
    position,
    estimatedWait: estimate,
    trackingToken: t.trackingToken,
    issuedAt: t.issuedAt.toISOString(),
    appointmentAt: t.appointmentAt?.toISOString() ?? null,
    note: t.note,
    flags: t.flags,
  };
}
