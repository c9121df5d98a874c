import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor, CurrentSiteId } from '@skranke/auth';
import { Actor } from '@skranke/core';
import { CounterChoiceSchema, CounterCurrentSchema } from './workstation.schemas';
import { WorkstationService } from './workstation.service';

@ApiTags('counters')
@ApiBearerAuth()
@Controller()
export class WorkstationController {
  constructor(private readonly workstation: WorkstationService) {}

  @Get('me/counters')
  @Access({ site: 'none', roles: ['counter', 'supervisor'] })
  @ApiOperation({ summary: 'The counters at every site where the caller works at counters' })
  @ApiOkResponse({ type: [CounterChoiceSchema] })
  myCounters(@CurrentActor() actor: Actor) {
    return this.workstation.myCounters(actor);
  }

  @Get('counters/:counterId/current')
  @Access({ site: 'counterId', roles: ['counter', 'supervisor'] })
  @ApiOperation({ summary: 'The counter, who holds it, its citizens per seat (with notes and flags), its services’ queues and waiting numbers, and the site’s services' })
  @ApiOkResponse({ type: CounterCurrentSchema })
  current(@Param('counterId') id: string, @CurrentSiteId() siteId: string) {
    return this.workstation.current(siteId, id);
  }
}
