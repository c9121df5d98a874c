import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { CreateCounterDto, UpdateCounterDto } from './counter.dto';
import { CounterSchema, RemovedCounterSchema } from './counters.schemas';
import { CountersService } from './counters.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites/:siteId/counters')
export class CountersController {
  constructor(private readonly counters: CountersService) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiCreatedResponse({ type: CounterSchema })
  create(@Param('siteId') siteId: string, @Body() dto: CreateCounterDto): Promise<CounterSchema> {
    return this.counters.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['display'] })
  @ApiOkResponse({ type: [CounterSchema] })
  list(@Param('siteId') siteId: string): Promise<CounterSchema[]> {
    return this.counters.list(siteId);
  }

  @Patch(':counterId')
  @Access({ site: 'siteId', roles: ['admin', 'supervisor'] })
  @ApiOperation({
    summary: "Change a counter: a supervisor its service profile (serviceIds) only, an admin anything",
    description: 'A supervisor sending name, kind or seats gets 403 `counter_admin_only`.',
  })
  @ApiOkResponse({ type: CounterSchema })
  update(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string, @Body() dto: UpdateCounterDto, @CurrentActor() actor: Actor): Promise<CounterSchema> {
    return this.counters.update(siteId, counterId, dto, actor);
  }

  @Delete(':counterId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOkResponse({ type: RemovedCounterSchema, description: 'The counter, now removed (an open counter is refused: close it first)' })
  remove(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string): Promise<RemovedCounterSchema> {
    return this.counters.deactivate(siteId, counterId);
  }
}
