import { ApiClient } from '@skranke/web';

export interface Wait {
  minutes: number;
  low: number;
  high: number;
}

export interface KioskService {
  id: string;
  prefix: string;
  names: Record<string, string>;
  group: string | null;
  waiting: number;
  estimatedWait: Wait;
  reachedBeforeClose: boolean;
  capReached: boolean;
}

export interface KioskInfo {
  site: { id: string; slug: string; name: string };
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  bookingUrl: string | null;
  services: KioskService[];
  alternatives: { slug: string; name: string; shortestWaitMinutes: number | null }[];
}

export interface IssuedTicket {
  id: string;
  number: string;
  serviceId: string;
  position: number;
  estimatedWait: Wait;
  trackingToken: string;
  printStatus: string | null;
  appointment?: { startsAt: string };
}

/** A fresh key per citizen choice: repeated taps on the same screen reuse it, so they get one ticket. */
export const newIdempotencyKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export const kioskInfo = (api: ApiClient, slug: string) => api.get<KioskInfo>(`/kiosk/sites/${encodeURIComponent(slug)}`);

export const issue = (api: ApiClient, siteId: string, serviceId: string, language: string, key: string) =>
  api.post<IssuedTicket>(`/sites/${siteId}/tickets`, { serviceId, language }, { 'Idempotency-Key': key });

/** pending while the print job runs, then printed or failed; null when the kiosk has no network printer. */
export const printStatus = (api: ApiClient, ticketId: string) => api.get<{ ticketId: string; printStatus: string | null }>(`/tickets/${encodeURIComponent(ticketId)}/print`);

export const checkIn = (api: ApiClient, siteId: string, bookingCode: string, language: string, key: string) =>
  api.post<IssuedTicket>(`/sites/${siteId}/appointments/check-in`, { bookingCode, language }, { 'Idempotency-Key': key });
