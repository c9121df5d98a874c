import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, AccessRule, CurrentActor, CurrentSiteId, rememberSiteOf } from '@skranke/auth';
import { Actor, CallNextService, CallTicketService, CounterStateService } from '@skranke/core';
import { CallNextDto, HoldDto, PauseDto } from './counter-actions.dto';
import { CounterHoldService } from './counter-hold.service';
import { CalledTicketSchema, CounterHoldSchema, CounterSchema } from './counters.schemas';

const COUNTER_STAFF: AccessRule = { site: 'counterId', roles: ['counter', 'supervisor'] };
const HELD = 'counter_held: another staff member holds this counter (details.userName)';

@ApiTags('counters')
@ApiBearerAuth()
@Controller('counters/:counterId')
export class CountersController {
  constructor(
    private readonly state: CounterStateService,
    private readonly caller: CallNextService,
    private readonly specific: CallTicketService,
    private readonly holds: CounterHoldService,
  ) {}

  @Post('hold')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Work at this counter: take it (or keep it); {takeover: true} takes it from whoever holds it, who is told at once' })
  @ApiOkResponse({ type: CounterHoldSchema })
  @ApiConflictResponse({ description: HELD })
  hold(@Param('counterId') id: string, @Body() dto: HoldDto, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.holds.take(siteId, id, actor, dto.takeover === true);
  }

  @Delete('hold')
  @HttpCode(204)
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Let go of this counter (log-out, another counter); another’s hold stays' })
  @ApiNoContentResponse()
  async release(@Param('counterId') id: string, @CurrentActor() actor: Actor) {
    await this.holds.release(id, actor);
  }

  @Post('open')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOkResponse({ type: CounterSchema })
  @ApiConflictResponse({ description: HELD })
  open(@Param('counterId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.open(siteId, id, actor);
  }

  @Post('pause')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOkResponse({ type: CounterSchema })
  @ApiConflictResponse({ description: HELD })
  pause(@Param('counterId') id: string, @Body() dto: PauseDto, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.pause(siteId, id, actor, dto.reason ?? null, dto.expectedMinutes ?? null);
  }

  @Post('close')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Close; 409 while a citizen is still at the counter' })
  @ApiOkResponse({ type: CounterSchema })
  @ApiConflictResponse({ description: HELD })
  close(@Param('counterId') id: string, @CurrentSiteId() siteId: string, @CurrentActor() actor: Actor) {
    return this.state.close(siteId, id, actor);
  }

  @Post('call-next')
  @Access(COUNTER_STAFF)
  @ApiOperation({ summary: 'Claim the next ticket for this counter: 200 {ticket}, or 204 when nothing waits' })
  @ApiOkResponse({ type: CalledTicketSchema })
  @ApiNoContentResponse({ description: 'Nobody waits for this counter' })
  @ApiConflictResponse({ description: HELD })
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

  @Post('call/:ticketId')
  @HttpCode(200)
  @Access(COUNTER_STAFF)
  @ApiOperation({
    summary: 'Call this waiting ticket (from the waiting list) into a free seat; atomic as call-next, same events, audited',
    description: '409 ticket_not_waiting (another counter called it first), ticket_not_for_counter, counter_not_open, seat_busy, counter_held.',
  })
  @ApiOkResponse({ type: CalledTicketSchema })
  @ApiConflictResponse({ description: 'ticket_not_waiting, ticket_not_for_counter, counter_not_open, seat_busy, counter_held' })
  async callTicket(
    @Param('counterId') id: string,
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() dto: CallNextDto,
    @CurrentSiteId() siteId: string,
    @CurrentActor() actor: Actor,
  ) {
    const ticket = await this.specific.callTicket(id, ticketId, dto.seat, actor, siteId);
    rememberSiteOf('ticketId', ticket.id, siteId);
    return { ticket };
  }
}
