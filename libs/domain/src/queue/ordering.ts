/**
 * Which waiting ticket a counter calls next. The SQL claim in the persistence
 * lib implements the same order (a test keeps the two in agreement); this is
 * the readable definition.
 */
export const ORDERING_POLICIES = ['target-aware', 'profile-order', 'fifo'] as const;
export type OrderingPolicy = (typeof ORDERING_POLICIES)[number];

export interface OrderingSettings {
  policy: OrderingPolicy;
  /** Minutes of wait credited to a priority ticket: a head start, not the front of the line. */
  priorityHeadStartMinutes: number;
  /** Weight factor per step down the counter's preference list (1st service 1, 2nd decay, 3rd decay², …). */
  preferenceDecay: number;
  /** A booked citizen is due this many minutes before the appointment (Copenhagen calls ~2 min early). */
  appointmentCallAheadMinutes: number;
}

export const DEFAULT_ORDERING: OrderingSettings = {
  policy: 'target-aware',
  priorityHeadStartMinutes: 10,
  preferenceDecay: 0.5,
  appointmentCallAheadMinutes: 2,
};

export interface QueuedTicket {
  id: string;
  serviceId: string;
  /** When the ticket took its place in this queue (issue, or transfer placement). */
  orderedAt: Date;
  priority: number;
  appointmentAt: Date | null;
}

export interface CallContext {
  /** The counter's services in its order of preference. */
  serviceIds: readonly string[];
  targetWaitMinutes: ReadonlyMap<string, number>;
  settings: OrderingSettings;
  now: Date;
}

/** 0: appointment due; 1: walk-in and everything else; 2: appointment checked in early, not due yet. */
export function callClass(ticket: QueuedTicket, ctx: CallContext): 0 | 1 | 2 {
  if (!ticket.appointmentAt) return 1;
  const dueFrom = ticket.appointmentAt.getTime() - ctx.settings.appointmentCallAheadMinutes * 60000;
  return dueFrom <= ctx.now.getTime() ? 0 : 2;
}

/** The urgency of a walk-in ticket for this counter; larger is called first. */
export function urgency(ticket: QueuedTicket, ctx: CallContext): number {
  const preference = ctx.serviceIds.indexOf(ticket.serviceId);
  const { settings } = ctx;
  switch (settings.policy) {
    case 'fifo':
      return 0;
    case 'profile-order':
      return -preference;
    case 'target-aware': {
      const waitedMinutes = (ctx.now.getTime() - ticket.orderedAt.getTime()) / 60000;
      const headStart = ticket.priority > 0 ? settings.priorityHeadStartMinutes : 0;
      const target = ctx.targetWaitMinutes.get(ticket.serviceId) ?? 15;
      return ((waitedMinutes + headStart) / target) * Math.pow(settings.preferenceDecay, preference);
    }
  }
}

export function compareForCall(a: QueuedTicket, b: QueuedTicket, ctx: CallContext): number {
  const classA = callClass(a, ctx);
  const classB = callClass(b, ctx);
  if (classA !== classB) return classA - classB;
  if (classA !== 1) {
    const byAppointment = a.appointmentAt!.getTime() - b.appointmentAt!.getTime();
    if (byAppointment !== 0) return byAppointment;
  } else {
    const byUrgency = urgency(b, ctx) - urgency(a, ctx);
    if (byUrgency !== 0) return byUrgency;
  }
  return a.orderedAt.getTime() - b.orderedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The waiting tickets this counter may call, best first. */
export function callOrder<T extends QueuedTicket>(tickets: readonly T[], ctx: CallContext): T[] {
  return tickets.filter((t) => ctx.serviceIds.includes(t.serviceId)).sort((a, b) => compareForCall(a, b, ctx));
}

export function pickNext<T extends QueuedTicket>(tickets: readonly T[], ctx: CallContext): T | undefined {
  return callOrder(tickets, ctx)[0];
}

/**
 * Where a transferred ticket takes its place: "front" just before the current
 * head of the target queue, "back" now, "by-arrival" at its original issue time.
 */
export function placementTime(
  placement: 'front' | 'back' | 'by-arrival',
  issuedAt: Date,
  now: Date,
  earliestWaiting: Date | null,
): Date {
  if (placement === 'by-arrival') return issuedAt;
  if (placement === 'back') return now;
  const head = earliestWaiting && earliestWaiting < now ? earliestWaiting : now;
  return new Date(Math.min(head.getTime(), issuedAt.getTime(), now.getTime()) - 1000);
}
