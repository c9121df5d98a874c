import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { AlertsService } from './alerts.service';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('sites/:siteId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post(':ticketId/acknowledge')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiOperation({ summary: "Acknowledge a ticket's open wait-target alerts (recorded with who); they leave the floor's list" })
  acknowledge(@Param('siteId') siteId: string, @Param('ticketId', ParseUUIDPipe) ticketId: string, @CurrentActor() actor: Actor) {
    return this.alerts.acknowledge(siteId, ticketId, actor);
  }
}
