import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { DisplayStateService } from '@skranke/core';
import { DisplayStateSchema } from './display.schemas';

@ApiTags('display')
@ApiBearerAuth()
@Controller('sites/:siteId/display-state')
export class DisplayController {
  constructor(private readonly display: DisplayStateService) {}

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['display'] })
  @ApiOperation({ summary: 'Latest calls (number → counter) and waits per service, consistent with one seq' })
  @ApiOkResponse({ type: DisplayStateSchema })
  get(@Param('siteId') siteId: string) {
    return this.display.snapshot(siteId);
  }
}
