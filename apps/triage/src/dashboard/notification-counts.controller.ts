import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { NotificationLog } from '@skranke/jobs';

class ChannelCountsSchema {
  @ApiProperty({ enum: ['sms', 'email', 'push'] }) channel: string;
  @ApiProperty({ description: 'Messages sent today (those delivered since included)' }) sent: number;
  @ApiProperty({ description: 'Messages the provider reported delivered today' }) delivered: number;
  @ApiProperty({ description: 'Messages that failed today' }) failed: number;
}

export class NotificationCountsSchema {
  @ApiProperty({ example: '2027-03-29', description: 'Today at the site' }) date: string;
  @ApiProperty({ type: [ChannelCountsSchema] }) channels: ChannelCountsSchema[];
}

/** The dashboard's line on messages to citizens (the delivery log itself is the ticketing app's). */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class NotificationCountsController {
  constructor(private readonly log: NotificationLog) {}

  @Get('notifications/today')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiOperation({ summary: 'Messages to citizens today per channel: sent, delivered, failed' })
  @ApiOkResponse({ type: NotificationCountsSchema })
  today(@Param('siteId') siteId: string) {
    return this.log.todayCounts(siteId);
  }
}
