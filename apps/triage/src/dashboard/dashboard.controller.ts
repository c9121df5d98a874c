import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { DashboardService } from './dashboard.service';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('dashboard')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiOperation({ summary: "The supervisor's dashboard: services and counters now, alerts, today's figures, arrivals and services per hour, staffing advice" })
  get(@Param('siteId') siteId: string) {
    return this.dashboard.forSite(siteId);
  }
}
