import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { DeviceMeService } from './device-me.service';

@ApiTags('devices')
@ApiBearerAuth()
@Controller('devices/me')
export class DeviceMeController {
  constructor(private readonly devices: DeviceMeService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The calling device (by its token): its site and the site’s service names. 401 without a device token.' })
  me(@Headers('authorization') authorization: string | undefined) {
    return this.devices.describe(authorization);
  }
}
