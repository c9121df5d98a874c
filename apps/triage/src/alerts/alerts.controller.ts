import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { RoomAlertAckSchema, TicketAlertAckSchema } from './alerts.schemas';
import { AlertsService } from './alerts.service';
import { RoomAlertAcks } from './room-alert-acks';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('sites/:siteId/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly roomAcks: RoomAlertAcks,
  ) {}

  @Post(':ticketId/acknowledge')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiOperation({ summary: "Acknowledge a ticket's open wait-target alerts (recorded with who); they leave the floor's list" })
  @ApiCreatedResponse({ type: TicketAlertAckSchema })
  acknowledge(@Param('siteId') siteId: string, @Param('ticketId', ParseUUIDPipe) ticketId: string, @CurrentActor() actor: Actor) {
    return this.alerts.acknowledge(siteId, ticketId, actor);
  }

  @Post('room/:alertId/acknowledge')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiOperation({ summary: 'Acknowledge an idle-counter, long-pause or staffing alert; it stays away for 30 minutes' })
  @ApiCreatedResponse({ type: RoomAlertAckSchema })
  acknowledgeRoom(@Param('siteId') siteId: string, @Param('alertId') alertId: string, @CurrentActor() actor: Actor) {
    return this.roomAcks.acknowledge(siteId, alertId, (actor as { userId: string }).userId);
  }
}
