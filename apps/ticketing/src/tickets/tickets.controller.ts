import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access, CurrentActor, Public } from '@skranke/auth';
import { Actor, IssueTicketService, cachedSite } from '@skranke/core';
import { notFound } from '@skranke/domain';
import { RateLimited, idempotencyKey } from '@skranke/platform';
import { PrintRequestService } from '../printing/print-request.service';
import { IssueTicketDto } from './issue-ticket.dto';
import { answerIssued } from './replayed';
import { KioskTicketSchema, PrintStatusSchema, TrackedTicketSchema } from './tickets.schemas';
import { TrackingService } from './tracking.service';

@ApiTags('tickets')
@Controller()
export class TicketsController {
  constructor(
    private readonly issuer: IssueTicketService,
    private readonly tracking: TrackingService,
    private readonly dataSource: DataSource,
    private readonly print: PrintRequestService,
  ) {}

  @Post('sites/:siteId/tickets')
  @ApiBearerAuth()
  @Access({ site: 'siteId', roles: ['floor', 'counter', 'supervisor'], devices: ['kiosk'] })
  @RateLimited('issue')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key within 24 h returns the same ticket' })
  @ApiOperation({ summary: 'Issue a ticket (201), or return the one an earlier request with this Idempotency-Key made (200)' })
  @ApiCreatedResponse({ type: KioskTicketSchema })
  @ApiOkResponse({ type: KioskTicketSchema, description: 'The ticket an earlier request with this Idempotency-Key made' })
  async issue(
    @Param('siteId') siteId: string,
    @Body() dto: IssueTicketDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Opening hours and settings from memory; any write to a site clears them in every instance.
    const site = await cachedSite(this.dataSource.manager, siteId);
    if (!site) throw notFound('site_not_found', 'No site with that id.');
    const channel = actor.kind === 'device' ? 'kiosk' : 'api';
    const { replayed, ...ticket } = await this.issuer.issue(site, { ...dto, channel, idempotencyKey: idempotencyKey(key) }, actor);
    answerIssued(res, replayed);
    return this.print.afterIssue(ticket, actor, replayed);
  }

  @Get('tickets/track/:trackingToken')
  @Public()
  @RateLimited('citizen')
  @ApiOperation({ summary: 'The citizen’s view of a ticket, reached only through its unguessable tracking token' })
  @ApiOkResponse({ type: TrackedTicketSchema })
  track(@Param('trackingToken') token: string) {
    return this.tracking.track(String(token).slice(0, 100));
  }

  @Get('tickets/:ticketId/print')
  @ApiBearerAuth()
  @Access({ site: 'ticketId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['kiosk'] })
  @RateLimited('print-status')
  @ApiOperation({ summary: 'A ticket’s receipt print, which the kiosk polls after showing the number: pending, printed, failed (after the retries), or null (no network printer)' })
  @ApiOkResponse({ type: PrintStatusSchema })
  printStatus(@Param('ticketId') ticketId: string) {
    return this.print.printOf(ticketId);
  }
}
