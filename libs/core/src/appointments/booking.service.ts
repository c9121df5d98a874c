import { Injectable } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import { Contact, calendarDateParam, conflict, freeSlots, instantWithOffset, invalid, lastBookableDate, normaliseContact, notFound, releaseClock, ruleBroken } from '@skranke/domain';
import { Appointment, Service, Site, bookingSettings, preparedQuery } from '@skranke/persistence';
import { Clock } from '../clock';
import { refusal } from '../events/site-function';
import { bookingView, managedView } from './appointment-views';
import { BookingCapacity, BookingSite, appointmentMinutes, dayStart, siteDate, siteTime } from './booking-capacity.service';

/** Who books: the citizen online, a kiosk, staff for a citizen, or an external system; and the client an Idempotency-Key belongs to. */
export interface Booker {
  channel: 'public' | 'kiosk' | 'staff' | 'api';
  clientKey: string;
  idempotencyKey?: string;
}

export interface BookRequest {
  serviceId: string;
  startsAt: string;
  contact?: unknown;
  language?: string;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const MAX_RANGE_DAYS = 62;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIVE = `(status IN ('booked', 'checked-in', 'served') OR (status = 'cancelled' AND cancel_reason IS DISTINCT FROM 'closure' AND cancelled_at > $4))`;

const BOOK = `SELECT * FROM skranke_book_appointment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`;

/**
 * Booking a time: free times from the capacity the counter plan gives, and
 * holding one in one call of `skranke_book_appointment` (migration
 * 1795542000000), which cannot exceed a slot's capacity however many book at once.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capacity: BookingCapacity,
    private readonly clock: Clock,
  ) {}

  async siteBySlug(slug: string): Promise<Site> {
    const site = typeof slug === 'string' && slug.length <= 100 ? await this.dataSource.getRepository(Site).findOneBy({ slug }) : null;
    if (!site) throw notFound('site_not_found', 'No site with that address.');
    return site;
  }

  async bookableServices(site: Site) {
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true, bookable: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    return services.map((s) => ({
      serviceId: s.id,
      names: { da: s.names.da, en: s.names.en, de: s.names.de },
      minutes: appointmentMinutes(s),
      minNoticeMinutes: s.minNoticeMinutes,
      maxDaysAhead: s.maxDaysAhead,
      cancelCutoffMinutes: s.cancelCutoffMinutes,
    }));
  }

  async service(site: Site, serviceId: unknown): Promise<Service> {
    if (typeof serviceId !== 'string' || !UUID.test(serviceId)) throw invalid('invalid_service_id', 'serviceId must be a UUID.');
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: serviceId, siteId: site.id, active: true });
    if (!service) throw notFound('service_not_found', 'No service with that id at this site.');
    if (!service.bookable) throw ruleBroken('service_not_bookable', 'That service cannot be booked.');
    return service;
  }

  /** The free times of a service between two site dates (inclusive), inside its notice and horizon. */
  async slots(site: Site, serviceId: unknown, from: unknown, to: unknown, channel: Booker['channel']) {
    const service = await this.service(site, serviceId);
    const [first, last] = [calendarDateParam(from, 'from'), calendarDateParam(to, 'to')];
    const days = Temporal.PlainDate.from(first).until(Temporal.PlainDate.from(last)).days + 1;
    if (days < 1) throw invalid('invalid_range', '"to" must not be before "from".');
    if (days > MAX_RANGE_DAYS) throw invalid('range_too_long', `At most ${MAX_RANGE_DAYS} days per request.`, { maxDays: MAX_RANGE_DAYS });
    const now = this.clock.now();
    const tz = site.timezone;
    const today = siteDate(now, tz);
    const horizon = lastBookableDate(now, tz, service.maxDaysAhead, releaseClock(site.openingHours));
    const start = first < today ? today : first;
    const end = last > horizon ? horizon : last;
    if (start > end) return { timezone: tz, days: [] };
    // As book() judges: a time beginning now is past, one within the notice too soon (public only).
    const earliest = now.getTime() + (channel === 'public' ? service.minNoticeMinutes * 60_000 : 0);
    const ctx = await this.capacity.site(site);
    const dayRows = await this.capacity.days([service.id], start, end);
    const spans = await this.bookedSpans(service.id, dayStart(start, tz), dayStart(Temporal.PlainDate.from(end).add({ days: 1 }).toString(), tz), now, site);
    const out: { date: string; slots: { startsAt: string; endsAt: string }[] }[] = [];
    const lastDate = Temporal.PlainDate.from(end);
    for (let date = Temporal.PlainDate.from(start); Temporal.PlainDate.compare(date, lastDate) <= 0; date = date.add({ days: 1 })) {
      const day = this.capacity.day(ctx, service, date.toString(), dayRows.get(`${service.id} ${date}`));
      const free = day.closed ? [] : freeSlots(day.slots, spans).filter((s) => s.startsAt >= earliest && s.startsAt > now.getTime());
      const text = siteTimesOn(date, tz);
      out.push({ date: date.toString(), slots: free.map((s) => ({ startsAt: text(s.startsAt), endsAt: text(s.endsAt) })) });
    }
    return { timezone: tz, days: out };
  }

  /** Holds a time. 201 with the booking, or the booking an earlier request with the same key made (replayed). */
  async book(site: Site, request: BookRequest, booker: Booker) {
    const service = await this.service(site, request.serviceId);
    const contact = normaliseContact(request.contact);
    const checked = await this.checkTime(site, service, request.startsAt, booker.channel);
    for (let attempt = 0; ; attempt++) {
      try {
        const [row] = await this.call(site, service, checked, contact, booker, request.language ?? 'da', null);
        return { booking: bookingView(row, site.timezone), replayed: row.replayed };
      } catch (e) {
        const constraint = (e as { constraint?: string }).constraint;
        // A booking code drawn twice (one in a billion): draw again. The same key sent twice at once
        // for two different days (two day locks): the second finds the first's booking on a retry.
        if ((constraint === 'appointment_booking_code' || constraint === 'appointment_idempotency') && attempt < 3) continue;
        throw refusal(e) ?? e;
      }
    }
  }

  async managed(token: unknown) {
    const { appointment, service, site } = await this.byToken(token);
    return managedView(appointment, service, site, this.clock.now());
  }

  async cancelByCitizen(token: unknown) {
    const { appointment, service } = await this.byToken(token);
    this.checkChangeable(appointment, service);
    await this.cancel(appointment.id, 'citizen');
    return this.managed(token);
  }

  /** Moves a booking to another free time of the same service; the code stays. */
  async move(token: unknown, startsAt: unknown) {
    const { appointment, service, site } = await this.byToken(token);
    this.checkChangeable(appointment, service);
    // A move takes new time of the service: not once it is no longer bookable (cancelling still works).
    if (!service.bookable || !service.active) throw ruleBroken('service_not_bookable', 'That service cannot be booked any more.');
    const checked = await this.checkTime(site, service, startsAt, 'public');
    try {
      await this.call(site, service, checked, null, { channel: 'public', clientKey: 'move' }, appointment.language, appointment.id);
    } catch (e) {
      throw refusal(e) ?? e;
    }
    return this.managed(token);
  }

  /** Cancels a booked time (the citizen's, staff's or a closure's), once. */
  async cancel(id: string, reason: 'citizen' | 'staff' | 'closure'): Promise<Appointment> {
    const repo = this.dataSource.getRepository(Appointment);
    const result = await repo.update({ id, status: 'booked' }, { status: 'cancelled', cancelledAt: this.clock.now(), cancelReason: reason });
    const found = await repo.findOneBy({ id });
    if (!found) throw notFound('appointment_not_found', 'No booking with that id.');
    if (!result.affected) throw conflict('appointment_not_booked', `The booking is ${found.status}.`, { status: found.status });
    return found;
  }

  async byToken(token: unknown): Promise<{ appointment: Appointment; service: Service; site: Site }> {
    const appointment = typeof token === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await this.dataSource.getRepository(Appointment).findOneBy({ manageToken: token })
      : null;
    if (!appointment) throw notFound('appointment_not_found', 'No booking with that link.');
    const [service, site] = await Promise.all([
      this.dataSource.getRepository(Service).findOneByOrFail({ id: appointment.serviceId }),
      this.dataSource.getRepository(Site).findOneByOrFail({ id: appointment.siteId }),
    ]);
    return { appointment, service, site };
  }

  private checkChangeable(a: Appointment, service: Service) {
    if (a.status !== 'booked') throw conflict('appointment_not_booked', `The booking is ${a.status}.`, { status: a.status });
    if (this.clock.now().getTime() >= a.startsAt.getTime() - service.cancelCutoffMinutes * 60_000) {
      throw ruleBroken('cutoff_passed', 'It is too late to change this booking online; please call.', { minutes: service.cancelCutoffMinutes });
    }
  }

  /** A time the rules allow, on the service's grid: its date, slot and capacity. */
  private async checkTime(site: Site, service: Service, startsAt: unknown, channel: Booker['channel']) {
    // Read by Temporal: Date.parse would take 2027-02-30 for 2 March.
    const ms = instantWithOffset(startsAt);
    if (ms === null) throw invalid('invalid_time', 'startsAt must be a time with an offset, e.g. 2027-03-29T09:00:00+02:00.');
    const now = this.clock.now();
    if (ms <= now.getTime()) throw ruleBroken('in_the_past', 'That time has passed.');
    if (channel === 'public' && ms < now.getTime() + service.minNoticeMinutes * 60_000) {
      throw ruleBroken('notice_too_short', `Book at least ${service.minNoticeMinutes} minutes ahead.`, { minutes: service.minNoticeMinutes });
    }
    const date = siteDate(ms, site.timezone);
    if (date > lastBookableDate(now, site.timezone, service.maxDaysAhead, releaseClock(site.openingHours))) {
      throw ruleBroken('beyond_booking_horizon', `Times can be booked at most ${service.maxDaysAhead} days ahead.`, { days: service.maxDaysAhead });
    }
    const ctx: BookingSite = await this.capacity.site(site);
    const dayRow = (await this.capacity.days([service.id], date, date)).get(`${service.id} ${date}`);
    const day = this.capacity.day(ctx, service, date, dayRow);
    if (day.closed) throw ruleBroken('day_closed', 'The service is closed for bookings that day.');
    const slot = day.slots.find((s) => s.startsAt === ms);
    if (!slot) throw ruleBroken('off_grid', 'That is not one of the service’s times.');
    if (slot.capacity <= 0) throw conflict('slot_taken', 'That time is no longer free.');
    return { date, slot, dayStart: dayStart(date, site.timezone) };
  }

  private call(site: Site, service: Service, t: Awaited<ReturnType<BookingService['checkTime']>>, contact: Contact | null, booker: Booker, language: string, move: string | null) {
    const settings = bookingSettings(site.settings);
    return preparedQuery<{ id: string; booking_code: string; manage_token: string; service_id: string; starts_at: Date; ends_at: Date; replayed: boolean }>(
      this.dataSource.manager,
      BOOK,
      [
        site.id, service.id, t.date, t.dayStart, new Date(t.slot.startsAt), new Date(t.slot.endsAt), t.slot.capacity,
        contact?.phone ?? null, contact?.email ?? null, settings.contactLimit, settings.rebookDelayMinutes * 60,
        booker.clientKey, booker.idempotencyKey ?? null, generateCode(), randomBytes(24).toString('base64url'), language, booker.channel, move, this.clock.now(),
      ],
    );
  }

  /** Bookings holding time between two instants, grouped by span (sorted), as the booking function counts them. */
  private async bookedSpans(serviceId: string, from: Date, to: Date, now: Date, site: Site) {
    const delay = bookingSettings(site.settings).rebookDelayMinutes * 60_000;
    // The places moves left count for the rebook delay too (migration 1795542200000).
    const rows: { starts_at: Date; ends_at: Date; n: number }[] = await this.dataSource.query(
      `SELECT starts_at, ends_at, count(*)::int AS n FROM (
         SELECT starts_at, ends_at FROM appointment WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 AND ${ACTIVE}
         UNION ALL
         SELECT starts_at, ends_at FROM appointment_release WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 AND released_at > $4
       ) held
       GROUP BY 1, 2 ORDER BY 1`,
      [serviceId, from, to, new Date(now.getTime() - delay)],
    );
    return rows.map((r) => ({ startsAt: r.starts_at.getTime(), endsAt: r.ends_at.getTime(), count: r.n }));
  }
}

/**
 * siteTimeOf for the times of one site date, without zone arithmetic per time
 * (a 62-day listing writes thousands): on a day whose offset does not change
 * every time between its midnights has the day's offset. A day with a change,
 * or a time outside the day, goes through Temporal.
 */
function siteTimesOn(date: Temporal.PlainDate, tz: string): (ms: number) => string {
  const start = date.toZonedDateTime({ timeZone: tz });
  const next = start.add({ days: 1 });
  const offset = start.offset;
  const [from, to] = [start.epochMilliseconds, next.epochMilliseconds];
  if (next.offset !== offset || !/^[+-]\d{2}:\d{2}$/.test(offset)) return (ms) => siteTime(ms, tz);
  const shift = start.offsetNanoseconds / 1e6;
  return (ms) => (ms >= from && ms <= to && ms % 1000 === 0 ? new Date(ms + shift).toISOString().slice(0, 19) + offset : siteTime(ms, tz));
}

export function generateCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
