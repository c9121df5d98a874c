import { ApiError, typedApi } from '@skranke/web';
import type { TicketingPaths, TicketingSchemas } from '@skranke/web';

/** The citizen's pages call the public API of the app that serves them, without a token. */
export const api = typedApi<TicketingPaths>(location.origin, () => null);

type Schemas = TicketingSchemas['schemas'];
export type SiteBooking = Schemas['BookingInfoSchema'];
export type BookableService = Schemas['AppointmentServiceSchema'];
export type SlotDay = Schemas['SlotsSchema']['days'][number];
export type Slot = Schemas['SlotSchema'];
export type Booking = Schemas['BookingSchema'];
export type ManagedBooking = Schemas['ManagedBookingSchema'];
export type Contact = { phone?: string; email?: string };

/** The free times of a service from `from` to `to` (site dates, inclusive; at most 62 days a request). */
export async function freeTimes(slug: string, serviceId: string, from: string, to: string): Promise<SlotDay[]> {
  const res = await api.GET('/api/v1/public/sites/{slug}/appointment-slots', {
    params: { path: { slug }, query: { serviceId, from, to } },
  });
  return res.data!.days;
}

/**
 * A random UUID v4 for Idempotency-Key. crypto.randomUUID is missing outside
 * secure contexts, so it is built from getRandomValues, which is everywhere.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const isCode = (err: unknown, code: string) => err instanceof ApiError && err.code === code;
export const isStatus = (err: unknown, status: number) => err instanceof ApiError && err.status === status;

/** Where the citizen sees, moves and cancels a booking, and its calendar file. */
export const managePath = (manageToken: string) => `/appointment/${encodeURIComponent(manageToken)}`;
export const calendarPath = (manageToken: string, lang: string) => `/api/v1/public/appointments/${encodeURIComponent(manageToken)}/calendar.ics?lang=${lang}`;
