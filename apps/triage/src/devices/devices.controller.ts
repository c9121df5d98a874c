import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { Access, SocketEviction, hashDeviceToken, newDeviceToken } from '@skranke/auth';
import { DEVICE_KINDS, DeviceKind, notFound } from '@skranke/domain';
import { Device, rowChanges } from '@skranke/persistence';
import { DeviceSchema, NewDeviceSchema } from './devices.schemas';

class CreateDeviceDto {
  @ApiProperty({ enum: DEVICE_KINDS }) @IsIn(DEVICE_KINDS) kind: DeviceKind;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) name: string;
}

const deviceView = (d: Device): DeviceSchema => ({
  id: d.id,
  siteId: d.siteId,
  kind: d.kind,
  name: d.name,
  revokedAt: d.revokedAt?.toISOString() ?? null,
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
});

@ApiTags('configuration')
@ApiBearerAuth()
@Controller('sites/:siteId/devices')
export class DevicesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eviction: SocketEviction,
  ) {}

  @Post()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Register a kiosk or display; the token is shown only in this response' })
  @ApiCreatedResponse({ type: NewDeviceSchema })
  async create(@Param('siteId') siteId: string, @Body() dto: CreateDeviceDto): Promise<NewDeviceSchema> {
    const token = newDeviceToken();
    const device = await this.dataSource.getRepository(Device).save({ siteId, kind: dto.kind, name: dto.name, tokenHash: hashDeviceToken(token) });
    rowChanges.changed('device');
    return { ...deviceView(device), token };
  }

  @Get()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOkResponse({ type: [DeviceSchema] })
  async list(@Param('siteId') siteId: string): Promise<DeviceSchema[]> {
    return (await this.dataSource.getRepository(Device).find({ where: { siteId }, order: { name: 'ASC' } })).map(deviceView);
  }

  @Delete(':deviceId')
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Revoke a device token at once: its requests are refused and its open sockets closed on every instance' })
  @ApiOkResponse({ type: DeviceSchema })
  async revoke(@Param('siteId') siteId: string, @Param('deviceId', ParseUUIDPipe) deviceId: string): Promise<DeviceSchema> {
    const repo = this.dataSource.getRepository(Device);
    const device = await repo.findOneBy({ id: deviceId, siteId, revokedAt: IsNull() });
    if (!device) throw notFound('device_not_found', 'No active device with that id at this site.');
    device.revokedAt = new Date();
    const saved = await repo.save(device);
    rowChanges.changed('device');
    await this.eviction.disconnect({ kind: 'device', id: deviceId });
    return deviceView(saved);
  }
}
