import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, AccessRule, CurrentActor, CurrentSiteId, rememberSiteOf } from '@skranke/auth';
import { Actor, CallNextService, CounterStateService } from '@skranke/core';
import { CallNextDto, PauseDto } from './counter-actions.dto';

const COUNTER_STAFF: AccessRule = { site: 'counterId', roles: ['counter', 'supervisor'] };

@ApiTags('counters')
@ApiBearerAuth()
@Controller('counters/:counterId')
export class CountersController {
  constructor(
    private readonly state: CounterStateService,
    private readonly caller: CallNextService,
  ) {}

  @Post('open')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  open(@Param('counterId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.open(siteId, id, actor);
  }

  @Post('pause')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  pause(@Param('counterId') id: string, @Body() dto: PauseDto, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.pause(siteId, id, actor, dto.reason ?? null);
  }

  @Post('close')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Close; 409 while a citizen is still at the counter' })
  close(@Param('counterId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.close(siteId, id, actor);
  }

  @Post('call-next')
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Claim the next ticket for this counter: 200 {ticket}, or 204 when nothing waits' })
  async callNext(
    @Param('counterId') id: string,
    @Body() dto: CallNextDto,
    @CurrentSiteId() siteId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ticket = await this.caller.callNext(id, dto.seat, actor, siteId);
    // The counter's next request is about this ticket (start, finish); its site is known now.
    if (ticket) rememberSiteOf('ticketId', ticket.id, siteId);
    res.status(ticket ? 200 : 204);
    return ticket ? { ticket } : undefined;
  }
}
