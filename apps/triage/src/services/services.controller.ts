import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { CreateServiceDto, UpdateServiceDto } from './service.dto';
import { ServiceSchema } from './services.schemas';
import { ServicesService } from './services.service';

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites/:siteId/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiCreatedResponse({ type: ServiceSchema })
  create(@Param('siteId') siteId: string, @Body() dto: CreateServiceDto): Promise<ServiceSchema> {
    return this.services.create(siteId, dto);
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['kiosk', 'display'] })
  @ApiOkResponse({ type: [ServiceSchema] })
  list(@Param('siteId') siteId: string): Promise<ServiceSchema[]> {
    return this.services.list(siteId);
  }

  @Patch(':serviceId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOkResponse({ type: ServiceSchema })
  update(@Param('siteId') siteId: string, @Param('serviceId', ParseUUIDPipe) serviceId: string, @Body() dto: UpdateServiceDto): Promise<ServiceSchema> {
    return this.services.update(siteId, serviceId, dto);
  }

  @Delete(':serviceId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOkResponse({ type: ServiceSchema, description: 'The service, now inactive (kept for history)' })
  remove(@Param('siteId') siteId: string, @Param('serviceId', ParseUUIDPipe) serviceId: string): Promise<ServiceSchema> {
    return this.services.deactivate(siteId, serviceId);
  }
}
