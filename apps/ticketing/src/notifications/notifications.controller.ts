import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, Public } from '@skranke/auth';
import { NotificationLog, SmsDeliveryReports } from '@skranke/jobs';
import { NotificationSettingsService } from './notification-settings.service';
import { DeliveryLogSchema, NotificationSettingsSchema, SmsReportAnswerSchema, TemplateSchema, UpdateNotificationSettingsDto } from './notifications.schemas';

/** Messages to citizens (issue 20): a site's settings and templates, the supervisor's delivery log. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiExtraModels(TemplateSchema)
@Controller('sites/:siteId')
export class NotificationsController {
  constructor(
    private readonly settings: NotificationSettingsService,
    private readonly log: NotificationLog,
  ) {}

  @Get('notification-settings')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Channels, reminder offsets, quiet hours, "turn near" minutes, SMS per number per day, survey and templates of the site' })
  @ApiOkResponse({ type: NotificationSettingsSchema })
  get(@Param('siteId') siteId: string) {
    return this.settings.get(siteId);
  }

  @Put('notification-settings')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({
    summary: 'Change the settings named (the others stay); templates replace the overrides. A template too long for an SMS, with a foreign placeholder or a CPR-shaped text is 422',
  })
  @ApiOkResponse({ type: NotificationSettingsSchema })
  put(@Param('siteId') siteId: string, @Body() dto: UpdateNotificationSettingsDto) {
    return this.settings.update(siteId, dto);
  }

  @Get('notifications')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiQuery({ name: 'from', required: false, description: 'A site date (YYYY-MM-DD); today when left out; not a real date: 400 invalid_date' })
  @ApiQuery({ name: 'to', required: false, description: 'A site date (YYYY-MM-DD), at most 31 days after from; from when left out' })
  @ApiOperation({ summary: 'The delivery log: each message due in the dates, its kind, channel, state and times, the contact masked' })
  @ApiOkResponse({ type: DeliveryLogSchema })
  list(@Param('siteId') siteId: string, @Query('from') from: unknown, @Query('to') to: unknown) {
    return this.log.list(siteId, from, to ?? from);
  }
}

/** GatewayAPI's delivery status notifications: believed only when signed with SMS_WEBHOOK_SECRET. */
@ApiTags('notifications')
@Controller('public/notifications')
export class SmsReportsController {
  constructor(private readonly reports: SmsDeliveryReports) {}

  @Post('sms-reports')
  @HttpCode(200)
  @Public()
  @ApiHeader({ name: 'X-Gwapi-Signature', required: true, description: 'A JWT (HS256) signed with the webhook’s shared secret; its claims are the report' })
  @ApiOperation({ summary: 'A delivery report from the SMS gateway: marks the message delivered or failed (401 invalid_signature when not signed with the shared secret)' })
  @ApiOkResponse({ type: SmsReportAnswerSchema })
  report(@Headers('x-gwapi-signature') signature: string | undefined) {
    return this.reports.accept(signature);
  }
}
