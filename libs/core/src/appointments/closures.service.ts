import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, calendarDateParam, containsCprNumber, invalid, notFound, ruleBroken } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import type { Actor } from '../actor';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../clock';
import { dayStart, siteDate, siteTime } from './booking-capacity.service';

export interface ClosureRequest {
  date?: unknown;
  serviceId?: unknown;
  reason?: unknown;
}

export interface CancelledBooking {
  id: string;
  bookingCode: string;
  serviceId: string;
  startsAt: string;
  hasContact: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 200;

/**
 * A supervisor closes one bookable service, or every bookable service of the
 * site, for a day: the day rows get `closed_at` and that day's booked times
 * are cancelled (reason 'closure') in the same transaction. The day rows are
 * locked first, in service-id order, as `skranke_book_appointment` locks its
 * day row before it counts and inserts: a booking racing the closure either
 * commits first (and is cancelled here) or waits and finds the day closed.
 * The answer lists the cancelled bookings so staff can tell the citizens.
 * Opening hours are not touched: walk-ins are still served.
 */
@Injectable()
export class ClosuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async close(site: Site, request: ClosureRequest, actor: Actor): Promise<{ date: string; serviceIds: string[]; cancelled: CancelledBooking[] }> {
    const date = this.futureDate(site, request.date);
    const reason = checkReason(request.reason);
    const services = await this.services(site, request.serviceId);
    const ids = services.map((s) => s.id).sort();
    const now = this.clock.now();
    const cancelled = await this.dataSource.transaction(async (tx) => {
      for (const id of ids) {
        await tx.query(
          `INSERT INTO appointment_day AS d (service_id, date, closed_at, closed_reason) VALUES ($1, $2, $3, $4)
           ON CONFLICT (service_id, date) DO UPDATE SET closed_at = coalesce(d.closed_at, EXCLUDED.closed_at), closed_reason = coalesce(EXCLUDED.closed_reason, d.closed_reason)`,
          [id, date, now, reason],
        );
      }
      const found = await this.cancelBooked(tx, site, ids, date, now);
      await this.audit.record(
        { action: 'appointments.day-closed', actor, subject: { type: 'site', id: site.id }, siteId: site.id, details: { date, serviceIds: ids, reason, cancelled: found.length } },
        tx,
      );
      return found;
    });
    return { date, serviceIds: ids, cancelled };
  }

  /** Opens a closed day again; the bookings the closure cancelled stay cancelled (their citizens were told). */
  async reopen(site: Site, request: ClosureRequest, actor: Actor): Promise<{ date: string; serviceIds: string[] }> {
    const date = this.futureDate(site, request.date);
    const ids = (await this.services(site, request.serviceId)).map((s) => s.id).sort();
    await this.dataSource.transaction(async (tx) => {
      if (ids.length) {
        await tx.query(`UPDATE appointment_day SET closed_at = NULL, closed_reason = NULL WHERE service_id = ANY($1::uuid[]) AND date = $2`, [ids, date]);
      }
      await this.audit.record({ action: 'appointments.day-reopened', actor, subject: { type: 'site', id: site.id }, siteId: site.id, details: { date, serviceIds: ids } }, tx);
    });
    return { date, serviceIds: ids };
  }

  private async cancelBooked(tx: EntityManager, site: Site, serviceIds: string[], date: string, now: Date): Promise<CancelledBooking[]> {
    if (!serviceIds.length) return [];
    const [rows] = await tx.query(
      `UPDATE appointment SET status = 'cancelled', cancelled_at = $4, cancel_reason = 'closure'
       WHERE service_id = ANY($1::uuid[]) AND starts_at >= $2 AND starts_at < $3 AND status = 'booked'
       RETURNING id, booking_code, service_id, starts_at, (phone IS NOT NULL OR email IS NOT NULL) AS has_contact`,
      [serviceIds, dayStart(date, site.timezone), dayStart(addDays(date, 1), site.timezone), now],
    );
    return (rows as { id: string; booking_code: string; service_id: string; starts_at: Date; has_contact: boolean }[])
      .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.booking_code.localeCompare(b.booking_code))
      .map((r) => ({ id: r.id, bookingCode: r.booking_code, serviceId: r.service_id, startsAt: siteTime(r.starts_at, site.timezone), hasContact: r.has_contact }));
  }

  /** One bookable service of the site, or all of them. */
  private async services(site: Site, serviceId: unknown): Promise<Service[]> {
    const repo = this.dataSource.getRepository(Service);
    if (serviceId === undefined || serviceId === null || serviceId === '') return repo.findBy({ siteId: site.id, active: true, bookable: true });
    if (typeof serviceId !== 'string' || !UUID.test(serviceId)) throw invalid('invalid_service_id', 'serviceId must be a UUID.');
    const service = await repo.findOneBy({ id: serviceId, siteId: site.id, active: true });
    if (!service) throw notFound('service_not_found', 'No service with that id at this site.');
    if (!service.bookable) throw ruleBroken('service_not_bookable', 'That service cannot be booked.');
    return [service];
  }

  /** A site date, today or later (a past day cannot be closed or reopened). */
  private futureDate(site: Site, value: unknown): string {
    const date = calendarDateParam(value);
    if (date < siteDate(this.clock.now(), site.timezone)) throw ruleBroken('in_the_past', 'That day has passed.');
    return date;
  }
}

function checkReason(reason: unknown): string | null {
  if (reason === undefined || reason === null || reason === '') return null;
  if (typeof reason !== 'string' || reason.length > MAX_REASON) throw invalid('validation_failed', `reason must be text of at most ${MAX_REASON} characters.`);
  if (containsCprNumber(reason)) throw invalid('cpr_not_allowed', 'A CPR number must not be written here.');
  return reason.trim();
}
