import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateCounterDto, UpdateCounterDto } from './counter.dto';
import { CountersService } from './counters.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites/:siteId/counters')
export class CountersController {
  constructor(private readonly counters: CountersService) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  create(@Param('siteId') siteId: string, @Body() dto: CreateCounterDto) {
    return this.counters.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['display'] })
  list(@Param('siteId') siteId: string) {
    return this.counters.list(siteId);
  }

  @Patch(':counterId')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({
    summary: "Change a counter: a supervisor its service profile (serviceIds) only, an admin anything",
    description: 'A supervisor sending name, kind or seats gets 403 `counter_admin_only`.',
  })
  update(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string, @Body() dto: UpdateCounterDto, @CurrentActor() actor: Actor) {
    return this.counters.update(siteId, counterId, dto, actor);
  }

  @Delete(':counterId')
  @Access({ site: 'siteId', roles: ['admin'] })
  remove(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string) {
    return this.counters.deactivate(siteId, counterId);
  }
}
