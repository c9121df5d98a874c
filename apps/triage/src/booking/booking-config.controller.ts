import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { BookingConfigService } from './booking-config.service';
import { BookingShareDto, CounterPlanSchema } from './booking-config.dto';

@ApiTags('booking configuration')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class BookingConfigController {
  constructor(private readonly config: BookingConfigService) {}

  @Get('counter-plan')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({ summary: 'Which counters are planned open when: what booking capacity comes from' })
  @ApiOkResponse({ type: CounterPlanSchema })
  get(@Param('siteId') siteId: string) {
    return this.config.plan(siteId);
  }

  @Put('counter-plan')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiBody({ type: CounterPlanSchema })
  @ApiOperation({ summary: 'Replace the counter plan (weekly, with dated exceptions); 400 invalid_counter_plan names the first problem' })
  @ApiOkResponse({ type: CounterPlanSchema })
  put(@Param('siteId') siteId: string, @Body() body: unknown) {
    return this.config.savePlan(siteId, body);
  }

  @Put('services/:serviceId/booking-share')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({ summary: 'Set (or with null, compute again) the booking share of a service, for every day or one date' })
  @ApiOkResponse({ type: BookingShareDto })
  share(@Param('siteId') siteId: string, @Param('serviceId', ParseUUIDPipe) serviceId: string, @Body() dto: BookingShareDto) {
    return this.config.setShare(siteId, serviceId, dto);
  }
}
