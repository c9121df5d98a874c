import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type Channel, type WaitEstimate, businessDate, storedEstimate } from '@skranke/domain';
import { type Site, Ticket } from '@skranke/persistence';
import { type Actor, actorDeviceId, actorUserId } from '../actor';

/** What a ticket is issued from: the kiosk's, the floor's, the API's or a check-in's request. */
export interface IssueTicketInput {
  serviceId: string;
  channel: Channel;
  language?: string;
  priority?: number;
  appointmentId?: string;
  note?: string;
  flags?: string[];
  phone?: string;
  idempotencyKey?: string;
}

/** A new ticket, all but its number. */
export function newTicket(
  manager: EntityManager,
  site: Site,
  input: IssueTicketInput,
  actor: Actor,
  now: Date,
  serviceId: string,
  appointmentAt: Date | null,
  estimate: WaitEstimate | null | undefined,
): Ticket {
  return manager.getRepository(Ticket).create({
    id: randomUUID(),
    siteId: site.id,
    serviceId,
    issuedServiceId: serviceId,
    businessDate: businessDate(now, site.timezone),
    status: 'waiting',
    priority: input.priority ?? 0,
    channel: input.appointmentId ? 'appointment' : input.channel,
    language: input.language ?? 'da',
    appointmentId: input.appointmentId ?? null,
    appointmentAt,
    issuedAt: now,
    orderedAt: now,
    note: input.note?.trim() || null,
    flags: input.flags ?? [],
    phone: input.phone ?? null,
    trackingToken: randomBytes(24).toString('base64url'),
    // No estimate told (no open counter): nothing to score later either. Undefined: filled before commit (cold cache).
    ...storedEstimate(estimate === undefined ? { minutes: 0, low: 0, high: 0 } : estimate),
    issuedByUserId: actorUserId(actor),
    issuedByDeviceId: actorDeviceId(actor),
    ...NOT_YET,
  });
}

/** A new ticket's fields that only a call, the visit or its number fill in. */
const NOT_YET = {
  number: null as unknown as string,
  calledAt: null,
  startedAt: null,
  endedAt: null,
  endReason: null,
  counterId: null,
  seat: null,
  servedByUserId: null,
  recallCount: 0,
  transferCount: 0,
  outcome: null,
  helpMode: null,
  printStatus: null,
} satisfies Partial<Ticket>;
