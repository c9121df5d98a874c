import type { TicketingPaths, TicketingSchemas } from '@skranke/web';
import type { Client } from 'openapi-fetch';

export type KioskApi = Client<TicketingPaths>;
export type KioskInfo = TicketingSchemas['schemas']['KioskStartSchema'];
export type KioskService = TicketingSchemas['schemas']['KioskServiceSchema'];
export type IssuedTicket = TicketingSchemas['schemas']['KioskTicketSchema'];
type Language = NonNullable<TicketingSchemas['schemas']['IssueTicketDto']['language']>;

/** The API's languages; a page language without a server side (a new i18n file) issues in Danish. */
const language = (lang: string): Language => (['da', 'en', 'de'].includes(lang) ? (lang as Language) : 'da');

/** A fresh key per citizen choice: repeated taps on the same screen reuse it, so they get one ticket. */
export const newIdempotencyKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Failures throw ApiError (typedApi's middleware), so `data` is the answer. */
const answer = async <T>(call: Promise<{ data?: T }>): Promise<T> => (await call).data as T;

export const kioskInfo = (api: KioskApi, slug: string) => answer(api.GET('/api/v1/kiosk/sites/{slug}', { params: { path: { slug } } }));

export const issue = (api: KioskApi, siteId: string, serviceId: string, lang: string, key: string) =>
  answer(api.POST('/api/v1/sites/{siteId}/tickets', { params: { path: { siteId }, header: { 'Idempotency-Key': key } }, body: { serviceId, language: language(lang) } }));

/** pending while the print job runs, then printed or failed; null when the kiosk has no network printer. */
export const printStatus = (api: KioskApi, ticketId: string) => answer(api.GET('/api/v1/tickets/{ticketId}/print', { params: { path: { ticketId } } }));

export const checkIn = (api: KioskApi, siteId: string, bookingCode: string, lang: string, key: string) =>
  answer(api.POST('/api/v1/sites/{siteId}/appointments/check-in', { params: { path: { siteId }, header: { 'Idempotency-Key': key } }, body: { bookingCode, language: language(lang) } }));

export type NextFree = TicketingSchemas['schemas']['NextFreeSchema'];
export type FreeTime = NonNullable<NextFree['today']>;
export type KioskBooking = TicketingSchemas['schemas']['StaffBookingSchema'];

/** Whether to offer a booked time for the service; null when the server does not answer quickly (the kiosk then issues as before). */
export async function nextFree(api: KioskApi, siteId: string, serviceId: string, timeoutMs = 4000): Promise<NextFree | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const asked = answer(api.GET('/api/v1/sites/{siteId}/appointments/next-free', { params: { path: { siteId }, query: { serviceId } } })).catch(() => null);
  return Promise.race([asked, timeout]);
}

export const book = (api: KioskApi, siteId: string, serviceId: string, startsAt: string, lang: string, key: string) =>
  answer(api.POST('/api/v1/sites/{siteId}/appointments/book', { params: { path: { siteId }, header: { 'Idempotency-Key': key } }, body: { serviceId, startsAt, language: language(lang) } }));
