import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, BookingService, Clock, IssueTicketService, appointmentMinutes, dayStart, generateCode, staffView } from '@skranke/core';
import { addDays, businessDate, conflict, invalid, isCalendarDate, notFound } from '@skranke/domain';
import { Appointment, Service, Site } from '@skranke/persistence';
import { CheckInDto, CreateAppointmentDto } from './appointment.dto';


/** Booked appointments from an external booking system, and their check-in at the kiosk. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: IssueTicketService,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  async create(siteId: string, dto: CreateAppointmentDto) {
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: dto.serviceId, siteId });
    if (!service) throw invalid('service_not_found', 'No service with that id at this site.');
    const bookingCode = (dto.bookingCode ?? generateCode()).toUpperCase();
    const startsAt = new Date(dto.startsAt);
    const repo = this.dataSource.getRepository(Appointment);
    const rows = await repo
      .createQueryBuilder()
      .insert()
      .values({ siteId, serviceId: service.id, startsAt, endsAt: new Date(startsAt.getTime() + appointmentMinutes(service) * 60_000), bookingCode, phone: dto.phone ?? null })
      .orIgnore()
      .returning('*')
      .execute();
    if (!rows.raw.length) throw conflict('booking_code_taken', 'Another appointment at this site has that booking code.');
    return view(await repo.findOneByOrFail({ siteId, bookingCode }));
  }

  async site(siteId: string): Promise<Site> {
    const site = await this.dataSource.getRepository(Site).findOneBy({ id: siteId });
    if (!site) throw notFound('site_not_found', 'No site with that id.');
    return site;
  }

  /** A date asked for (YYYY-MM-DD), or the site's today. */
  async dateOrToday(siteId: string, date: unknown): Promise<string> {
    if (date === undefined || date === '') return businessDate(this.clock.now(), (await this.site(siteId)).timezone);
    if (!isCalendarDate(date)) {
      throw invalid('invalid_date', 'date must be a date YYYY-MM-DD.');
    }
    return date;
  }

  /** The site's bookings of one site date (every status), earliest first; contacts are never shown. */
  async list(siteId: string, date: string) {
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const from = dayStart(date, site.timezone);
    const to = dayStart(addDays(date, 1), site.timezone);
    const rows = await this.dataSource
      .getRepository(Appointment)
      .createQueryBuilder('a')
      .where('a.siteId = :siteId AND a.startsAt >= :from AND a.startsAt < :to', { siteId, from, to })
      .orderBy('a.startsAt', 'ASC')
      .limit(2000)
      .getMany();
    return rows.map((a) => staffView(a, site.timezone));
  }

  async cancel(siteId: string, id: string) {
    const found = await this.dataSource.getRepository(Appointment).findOneBy({ id, siteId });
    if (!found) throw notFound('appointment_not_found', 'No appointment with that id.');
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    return staffView(await this.booking.cancel(id, 'staff'), site.timezone);
  }

  /** The kiosk's "I have an appointment": booking code → ticket ordered by the appointment time. */
  async checkIn(siteId: string, dto: CheckInDto, actor: Actor, idempotencyKey?: string) {
    const code = String(dto.bookingCode).trim().toUpperCase();
    const appointment = await this.dataSource.getRepository(Appointment).findOneBy({ siteId, bookingCode: code });
    if (!appointment || appointment.status === 'cancelled') throw notFound('appointment_not_found', 'No booked appointment with that code.');
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const input = { serviceId: appointment.serviceId, appointmentId: appointment.id, language: dto.language, channel: 'kiosk' as const, idempotencyKey };
    const { replayed, ...ticket } = await this.issuer.issue(site, input, actor);
    return { ticket: { ...ticket, appointment: { startsAt: appointment.startsAt.toISOString() } }, replayed };
  }
}

function view(a: Appointment) {
  return { id: a.id, serviceId: a.serviceId, startsAt: a.startsAt.toISOString(), bookingCode: a.bookingCode, status: a.status, ticketId: a.ticketId };
}
