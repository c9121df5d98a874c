import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateSiteDto, UpdateSiteDto } from './site.dto';
import { SitesService } from './sites.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: 'Create a site; the creator becomes its admin' })
  create(@Body() dto: CreateSiteDto, @CurrentActor() actor: Actor) {
    return this.sites.create(dto, actor);
  }

  @Get()
  @Access({ site: 'none', roles: ['admin', 'supervisor', 'floor', 'counter'] })
  @ApiOperation({ summary: 'The sites the caller has a role at' })
  list(@CurrentActor() actor: Actor) {
    return this.sites.list(actor);
  }

  @Get(':siteId')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'] })
  get(@Param('siteId') siteId: string) {
    return this.sites.get(siteId);
  }

  @Patch(':siteId')
  @Access({ site: 'siteId', roles: ['admin'] })
  update(@Param('siteId') siteId: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(siteId, dto);
  }
}
