import { Body, Controller, applyDecorators, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { OwnStaffFiguresSchema, StaffFiguresNoticeDto, StaffFiguresNoticeSchema, TeamStaffFiguresSchema } from './staff-figures.schemas';
import { StaffFiguresService } from './staff-figures.service';

const Period = () =>
  applyDecorators(ApiQuery({ name: 'from', required: true, example: '2027-03-01' }), ApiQuery({ name: 'to', required: true, example: '2027-03-31' }));
const OFF = '403 `staff_figures_off` (details.startsOn: the notice’s start, or null) while the site has no notice or it has not started; 400 invalid_date, invalid_period, period_too_long.';

/** Per-person figures under a works council's rules (docs/statistics.md, "Staff figures and the works council"). No route takes a user id. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('sites/:siteId/staff-figures')
export class StaffFiguresController {
  constructor(private readonly staffFigures: StaffFiguresService) {}

  @Put()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({
    summary: "Give notice of per-person figures: a stated purpose and a start at least six weeks ahead",
    description:
      "A new notice (switching on, a changed purpose, or an earlier start) must start at least 42 days after today in the site's time zone: else 422 `staff_figures_notice_too_short` (details.earliest). Moving the start later under the same purpose keeps the notice. Audited.",
  })
  @ApiOkResponse({ type: StaffFiguresNoticeSchema })
  announce(@Param('siteId') siteId: string, @Body() dto: StaffFiguresNoticeDto, @CurrentActor() actor: Actor): Promise<StaffFiguresNoticeSchema> {
    return this.staffFigures.announce(siteId, dto, actor);
  }

  @Delete()
  @HttpCode(204)
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Switch per-person figures off, at once (audited)' })
  @ApiNoContentResponse()
  switchOff(@Param('siteId') siteId: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.staffFigures.switchOff(siteId, actor);
  }

  @Get('me')
  @Access({ site: 'siteId', roles: ['counter', 'floor', 'reports'] })
  @ApiOperation({
    summary: "The caller's own figures per service (served, mean and p90 handling minutes), from the notice's start on; every view is audited",
    description: OFF,
  })
  @Period()
  @ApiOkResponse({ type: OwnStaffFiguresSchema })
  own(@Param('siteId') siteId: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<OwnStaffFiguresSchema> {
    return this.staffFigures.own(siteId, query, actor);
  }

  @Get('teams')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiOperation({
    summary: 'Figures of teams: per service, everyone who served it in the period, shown only when at least five persons did; sorted by service name, never a list of persons',
    description: OFF,
  })
  @Period()
  @ApiOkResponse({ type: TeamStaffFiguresSchema })
  teams(@Param('siteId') siteId: string, @Query() query: Record<string, unknown>): Promise<TeamStaffFiguresSchema> {
    return this.staffFigures.teams(siteId, query);
  }
}
