import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
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
  update(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string, @Body() dto: UpdateCounterDto) {
    return this.counters.update(siteId, counterId, dto);
  }

  @Delete(':counterId')
  @Access({ site: 'siteId', roles: ['admin'] })
  remove(@Param('siteId') siteId: string, @Param('counterId', ParseUUIDPipe) counterId: string) {
    return this.counters.deactivate(siteId, counterId);
  }
}
