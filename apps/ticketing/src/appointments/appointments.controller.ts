import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import { Actor, BookingService, Clock, siteDate } from '@skranke/core';
import { addDays } from '@skranke/domain';
import { RateLimited, idempotencyKey } from '@skranke/platform';
import { PrintRequestService } from '../printing/print-request.service';
import { answerIssued } from '../tickets/replayed';
import { KioskTicketSchema } from '../tickets/tickets.schemas';
import { CheckInDto, CreateAppointmentDto } from './appointment.dto';
import { AppointmentsService } from './appointments.service';
import { BookAppointmentDto } from './booking.dto';
import { NextFreeSchema, SlotsSchema, StaffAppointmentSchema, StaffBookingSchema } from './booking.schemas';
import { NextFreeService } from './next-free.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('sites/:siteId/appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly print: PrintRequestService,
    private readonly booking: BookingService,
    private readonly nextFree: NextFreeService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Book an appointment (for an external booking system)' })
  create(@Param('siteId') siteId: string, @Body() dto: CreateAppointmentDto) {
    return this.appointments.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor'] })
  @ApiQuery({ name: 'date', required: false, description: 'A site date (YYYY-MM-DD); today when left out' })
  @ApiOperation({ summary: 'The bookings of one day, earliest first, every status; whether a contact is held, never the contact' })
  @ApiOkResponse({ type: [StaffAppointmentSchema] })
  async list(@Param('siteId') siteId: string, @Query('date') date: unknown) {
    return this.appointments.list(siteId, await this.appointments.dateOrToday(siteId, date));
  }

  @Get('next-free')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor'], devices: ['kiosk'] })
  @ApiQuery({ name: 'serviceId', required: true })
  @ApiOperation({
    summary:
      'The kiosk’s "next free time": whether to offer a booked time instead of a walk-in ticket (the wait is over the target, or the ticket would not be reached before closing), and the first free time today and on the next day with one',
  })
  @ApiOkResponse({ type: NextFreeSchema })
  async next(@Param('siteId') siteId: string, @Query('serviceId') serviceId: unknown) {
    return this.nextFree.forService(await this.appointments.site(siteId), serviceId);
  }

  @Get('slots')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor'], devices: ['kiosk'] })
  @ApiQuery({ name: 'serviceId', required: true })
  @ApiQuery({ name: 'from', required: false, description: 'A site date (YYYY-MM-DD); today when left out' })
  @ApiQuery({ name: 'to', required: false, description: 'A site date (YYYY-MM-DD), at most 62 days after from; two weeks from from (14 days) when left out' })
  @ApiOperation({ summary: 'Free times for booking on a citizen’s behalf (as the public list, without the minimum notice)' })
  @ApiOkResponse({ type: SlotsSchema })
  async slots(@Param('siteId') siteId: string, @Query('serviceId') serviceId: unknown, @Query('from') from: unknown, @Query('to') to: unknown) {
    const site = await this.appointments.site(siteId);
    const first = from === undefined || from === '' ? siteDate(this.clock.now(), site.timezone) : from;
    const last = to === undefined || to === '' ? (typeof first === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(first) ? addDays(first, 13) : first) : to;
    return this.booking.slots(site, serviceId, first, last, 'staff');
  }

  @Post('book')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor'], devices: ['kiosk'] })
  @RateLimited('issue')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Book a time on a citizen’s behalf (floor tablet, phone, the kiosk’s next free time); no minimum notice' })
  @ApiCreatedResponse({ type: StaffBookingSchema, description: 'The booking; a kiosk with a printer also prints its receipt' })
  @ApiOkResponse({ type: StaffBookingSchema, description: 'The booking an earlier request with this Idempotency-Key made' })
  async book(
    @Param('siteId') siteId: string,
    @Body() dto: BookAppointmentDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const site = await this.appointments.site(siteId);
    const channel = actor.kind === 'device' ? 'kiosk' : 'staff';
    const clientKey = actor.kind === 'device' ? `device:${actor.deviceId}` : actor.kind === 'user' ? `user:${actor.userId}` : 'staff';
    const { booking, replayed } = await this.booking.book(site, dto, { channel, clientKey, idempotencyKey: idempotencyKey(key) });
    answerIssued(res, replayed);
    return { ...booking, printStatus: await this.print.afterBooking(booking.id, actor, replayed) };
  }

  @Delete(':appointmentId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Cancel a booked appointment' })
  cancel(@Param('siteId') siteId: string, @Param('appointmentId', ParseUUIDPipe) id: string) {
    return this.appointments.cancel(siteId, id);
  }

  @Post('check-in')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'], devices: ['kiosk'] })
  @RateLimited('issue')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({
    summary:
      'Check in with a booking code: a ticket ordered by the appointment time (201), or the one an earlier request with this Idempotency-Key made (200); 422 appointment_too_early / _too_late',
  })
  @ApiCreatedResponse({ type: KioskTicketSchema })
  @ApiOkResponse({ type: KioskTicketSchema, description: 'The ticket an earlier request with this Idempotency-Key made' })
  async checkIn(
    @Param('siteId') siteId: string,
    @Body() dto: CheckInDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { ticket, replayed } = await this.appointments.checkIn(siteId, dto, actor, idempotencyKey(key));
    answerIssued(res, replayed);
    return this.print.afterIssue(ticket, actor, replayed);
  }
}
