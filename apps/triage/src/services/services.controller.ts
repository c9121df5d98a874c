import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { CreateServiceDto, UpdateServiceDto } from './service.dto';
import { ServicesService } from './services.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites/:siteId/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  create(@Param('siteId') siteId: string, @Body() dto: CreateServiceDto) {
    return this.services.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['kiosk', 'display'] })
  list(@Param('siteId') siteId: string) {
    return this.services.list(siteId);
  }

  @Patch(':serviceId')
  @Access({ site: 'siteId', roles: ['admin'] })
  update(@Param('siteId') siteId: string, @Param('serviceId', ParseUUIDPipe) serviceId: string, @Body() dto: UpdateServiceDto) {
    return this.services.update(siteId, serviceId, dto);
  }

  @Delete(':serviceId')
  @Access({ site: 'siteId', roles: ['admin'] })
  remove(@Param('siteId') siteId: string, @Param('serviceId', ParseUUIDPipe) serviceId: string) {
    return this.services.deactivate(siteId, serviceId);
  }
}
