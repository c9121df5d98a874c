import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { FloorViewService } from '../alerts/floor-view.service';
import { idempotencyKey } from '@skranke/platform';
import { CreateEncounterDto } from './encounter.dto';
import { EncountersService } from './encounters.service';
import { EncounterSchema, FloorStateSchema } from './floor-state.schemas';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class EncountersController {
  constructor(
    private readonly encounters: EncountersService,
    private readonly floor: FloorViewService,
  ) {}

  @Post('encounters')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: 'Record a triage; the ticket outcome issues a ticket with note and flags' })
  @ApiCreatedResponse({ type: EncounterSchema })
  record(@Param('siteId') siteId: string, @Body() dto: CreateEncounterDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string): Promise<EncounterSchema> {
    return this.encounters.record(siteId, dto, actor, idempotencyKey(key));
  }

  @Get('floor-state')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiOperation({ summary: 'Waiting tickets per service with notes and flags, counters, open alerts of every kind with what would help' })
  @ApiOkResponse({ type: FloorStateSchema })
  floorState(@Param('siteId') siteId: string): Promise<FloorStateSchema> {
    return this.floor.forSite(siteId);
  }
}
