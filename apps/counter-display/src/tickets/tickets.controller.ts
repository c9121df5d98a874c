import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, AccessRule, CurrentActor, CurrentSiteId } from '@skranke/auth';
import { Actor, StaffTicketSchema, TicketActionsService } from '@skranke/core';
import { FinishDto, TransferDto } from './ticket-actions.dto';

const AT_COUNTER: AccessRule = { site: 'ticketId', roles: ['counter', 'supervisor'] };
/** Floor staff may also move or cancel a waiting ticket (the citizen left). */
const ON_FLOOR: AccessRule = { site: 'ticketId', roles: ['counter', 'supervisor', 'floor'] };

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:ticketId')
export class TicketsController {
  constructor(private readonly tickets: TicketActionsService) {}

  @Post('recall')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(AT_COUNTER)
  recall(@Param('ticketId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.recall(siteId, id, actor);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(AT_COUNTER)
  start(@Param('ticketId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.start(siteId, id, actor);
  }

  @Post('no-show')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(AT_COUNTER)
  @ApiOperation({ summary: 'Allowed after a recall or after the site’s no-show time (422 before)' })
  noShow(@Param('ticketId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.noShow(siteId, id, actor);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(ON_FLOOR)
  cancel(@Param('ticketId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.cancel(siteId, id, actor);
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(ON_FLOOR)
  @ApiOperation({ summary: 'Move to another service; the citizen keeps the number' })
  transfer(@Param('ticketId') id: string, @Body() dto: TransferDto, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.transfer(siteId, id, actor, dto);
  }

  @Post('finish')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffTicketSchema })
  @Access(AT_COUNTER)
  finish(@Param('ticketId') id: string, @Body() dto: FinishDto, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.tickets.finish(siteId, id, actor, dto);
  }
}
