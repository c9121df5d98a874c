import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { DashboardSchema } from './dashboard.schemas';
import { DashboardService } from './dashboard.service';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('dashboard')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiOperation({ summary: "The supervisor's dashboard: services and counters now, alerts, today's figures, arrivals and services per hour, staffing advice" })
  @ApiOkResponse({ type: DashboardSchema })
  get(@Param('siteId') siteId: string): Promise<DashboardSchema> {
    return this.dashboard.forSite(siteId);
  }
}
