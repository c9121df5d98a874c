import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, IssueTicketService } from '@skranke/core';
import { conflict, invalid, notFound } from '@skranke/domain';
import { Appointment, Service, Site } from '@skranke/persistence';
import { CheckInDto, CreateAppointmentDto } from './appointment.dto';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Booked appointments from an external booking system, and their check-in at the kiosk. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: IssueTicketService,
  ) {}

  async create(siteId: string, dto: CreateAppointmentDto) {
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: dto.serviceId, siteId });
    if (!service) throw invalid('service_not_found', 'No service with that id at this site.');
    const bookingCode = (dto.bookingCode ?? generateCode()).toUpperCase();
    const repo = this.dataSource.getRepository(Appointment);
    const rows = await repo
      .createQueryBuilder()
      .insert()
      .values({ siteId, serviceId: service.id, startsAt: new Date(dto.startsAt), bookingCode, phone: dto.phone ?? null })
      .orIgnore()
      .returning('*')
      .execute();
    if (!rows.raw.length) throw conflict('booking_code_taken', 'Another appointment at this site has that booking code.');
    return view(await repo.findOneByOrFail({ siteId, bookingCode }));
  }

  async list(siteId: string) {
    const rows = await this.dataSource.getRepository(Appointment).find({ where: { siteId }, order: { startsAt: 'ASC' }, take: 1000 });
    return rows.map(view);
  }

  async cancel(siteId: string, id: string) {
    const repo = this.dataSource.getRepository(Appointment);
    const res = await repo.update({ id, siteId, status: 'booked' }, { status: 'cancelled' });
    if (!res.affected) {
      const found = await repo.findOneBy({ id, siteId });
      if (!found) throw notFound('appointment_not_found', 'No appointment with that id.');
      throw conflict('appointment_not_booked', `The appointment is ${found.status}.`);
    }
    return view(await repo.findOneByOrFail({ id }));
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

function generateCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
