import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import { Actor, AppointmentPlanService, ClosuresService } from '@skranke/core';
import { AppointmentsService } from './appointments.service';
import { AppointmentPlanSchema, ClosureDto, ClosureSchema, ReopenSchema } from './appointment-plan.schemas';

/** The supervisor's side of booking: the day's split between booked times and walk-ins, and closing a day. */
@ApiTags('appointments')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class AppointmentPlanController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly plans: AppointmentPlanService,
    private readonly closures: ClosuresService,
  ) {}

  @Get('appointment-plan')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiQuery({ name: 'date', required: false, description: 'A site date (YYYY-MM-DD); today when left out' })
  @ApiOperation({ summary: 'Per bookable service and 15-minute interval: bookable and booked minutes, the walk-in forecast and its predicted service level' })
  @ApiOkResponse({ type: AppointmentPlanSchema })
  async plan(@Param('siteId') siteId: string, @Query('date') date: unknown) {
    const site = await this.appointments.site(siteId);
    return this.plans.plan(site, this.plans.date(site, date));
  }

  @Post('closures')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({ summary: 'Close one bookable service (or all of them) for a day: its booked times are cancelled and listed so staff can tell the citizens' })
  @ApiCreatedResponse({ type: ClosureSchema })
  async close(@Param('siteId') siteId: string, @Body() dto: ClosureDto, @CurrentActor() actor: Actor) {
    return this.closures.close(await this.appointments.site(siteId), dto, actor);
  }

  @Delete('closures')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiQuery({ name: 'date', required: true })
  @ApiQuery({ name: 'serviceId', required: false, description: 'Absent: every bookable service' })
  @ApiOperation({ summary: 'Open a closed day for bookings again; the cancelled bookings stay cancelled' })
  @ApiOkResponse({ type: ReopenSchema })
  async reopen(@Param('siteId') siteId: string, @Query('date') date: unknown, @Query('serviceId') serviceId: unknown, @CurrentActor() actor: Actor) {
    return this.closures.reopen(await this.appointments.site(siteId), { date, serviceId }, actor);
  }
}
