import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateSiteDto, UpdateSiteDto } from './site.dto';
import { SiteSchema } from './sites.schemas';
import { SitesService } from './sites.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Access({ site: 'none', municipalityAdmin: true })
  @ApiOperation({
    summary: "Create a site (the installation's administrator, or a municipality administrator in its own municipality)",
    description: 'A municipality administrator must name its own municipality: otherwise 403 `municipality_forbidden`. A site administrator cannot create sites (403 `forbidden`).',
  })
  @ApiCreatedResponse({ type: SiteSchema })
  create(@Body() dto: CreateSiteDto, @CurrentActor() actor: Actor): Promise<SiteSchema> {
    return this.sites.create(dto, actor);
  }

  @Get()
  // A reports reader too: the reports and staff figures pages start from the sites the user has a role at.
  @Access({ site: 'none', roles: ['admin', 'supervisor', 'floor', 'counter', 'reports'] })
  @ApiOperation({ summary: 'The sites the caller has a role at (a municipality administrator: every site of its municipalities; the installation administrator: all)' })
  @ApiOkResponse({ type: [SiteSchema] })
  list(@CurrentActor() actor: Actor): Promise<SiteSchema[]> {
    return this.sites.list(actor);
  }

  @Get(':siteId')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter', 'reports'] })
  @ApiOkResponse({ type: SiteSchema })
  get(@Param('siteId') siteId: string): Promise<SiteSchema> {
    return this.sites.get(siteId);
  }

  @Patch(':siteId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({
    summary: 'Change a site',
    description: "Only the installation's administrator may move a site to another municipality (403 `municipality_change_forbidden`); another spelling of the same municipality is no move.",
  })
  @ApiOkResponse({ type: SiteSchema })
  update(@Param('siteId') siteId: string, @Body() dto: UpdateSiteDto, @CurrentActor() actor: Actor): Promise<SiteSchema> {
    return this.sites.update(siteId, dto, actor);
  }
}
