import { Body, Controller, Delete, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import { Actor } from '@skranke/core';
import { RateLimited, idempotencyKey } from '@skranke/platform';
import { PrintRequestService } from '../printing/print-request.service';
import { answerIssued } from '../tickets/replayed';
import { KioskTicketSchema } from '../tickets/tickets.schemas';
import { CheckInDto, CreateAppointmentDto } from './appointment.dto';
import { AppointmentsService } from './appointments.service';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('sites/:siteId/appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly print: PrintRequestService,
  ) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Book an appointment (for an external booking system)' })
  create(@Param('siteId') siteId: string, @Body() dto: CreateAppointmentDto) {
    return this.appointments.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({ summary: 'The site’s appointments, earliest first' })
  list(@Param('siteId') siteId: string) {
    return this.appointments.list(siteId);
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
