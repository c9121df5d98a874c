import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import { Actor, TicketActionsService } from '@skranke/core';
import { TicketPriorityDto } from './ticket-priority.dto';

/** The waiting list's own action; moving and cancelling are the counter-display app's ticket endpoints. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('sites/:siteId/tickets')
export class FloorTicketsController {
  constructor(private readonly actions: TicketActionsService) {}

  @Post(':ticketId/priority')
  @Access({ site: 'siteId', roles: ['floor', 'supervisor'] })
  @ApiOperation({ summary: "Change a waiting ticket's priority group (event ticket.updated, recorded with who)" })
  reprioritise(@Param('siteId') siteId: string, @Param('ticketId', ParseUUIDPipe) ticketId: string, @Body() dto: TicketPriorityDto, @CurrentActor() actor: Actor) {
    return this.actions.reprioritise(siteId, ticketId, actor, dto.priority);
  }
}
