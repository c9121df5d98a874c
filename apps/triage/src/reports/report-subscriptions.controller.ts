import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { ReportSubscriptionsService, type Actor } from '@skranke/core';
import { CreateReportSubscriptionDto, ReportSubscriptionSchema } from './report-subscriptions.dto';

const view = (s: ReportSubscriptionSchema): ReportSubscriptionSchema => ({
  id: s.id,
  report: s.report,
  siteIds: s.siteIds,
  frequency: s.frequency,
  lang: s.lang,
  email: s.email,
  skipWhenEmpty: s.skipWhenEmpty,
  nextRunAt: s.nextRunAt,
  lastRunAt: s.lastRunAt,
  lastStatus: s.lastStatus,
  lastError: s.lastError,
});

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('report-subscriptions')
export class ReportSubscriptionsController {
  constructor(
    private readonly subscriptions: ReportSubscriptionsService,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Get()
  @Access({ site: 'none', roles: ['reports'] })
  @ApiOperation({ summary: "The caller's reports by e-mail" })
  @ApiOkResponse({ type: [ReportSubscriptionSchema] })
  async list(@CurrentActor() actor: Actor): Promise<ReportSubscriptionSchema[]> {
    return (await this.subscriptions.list(actor)).map(view);
  }

  @Post()
  @Access({ site: 'none', roles: ['reports'] })
  @ApiOperation({
    summary: 'Subscribe to a report by e-mail: the chart in the message, the CSV attached',
    description:
      '403 report_site_forbidden for a site the caller may not read; 422 email_not_configured, report_not_subscribable (the visits export).',
  })
  @ApiCreatedResponse({ type: ReportSubscriptionSchema })
  async create(@Body() dto: CreateReportSubscriptionDto, @CurrentActor() actor: Actor): Promise<ReportSubscriptionSchema> {
    return view(await this.subscriptions.create(actor, dto, !!this.config.notifications.email));
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @Access({ site: 'none', roles: ['reports'] })
  @ApiOperation({ summary: 'End one of the caller’s subscriptions' })
  @ApiNoContentResponse()
  async remove(@Param('subscriptionId', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.subscriptions.remove(actor, id);
  }
}
