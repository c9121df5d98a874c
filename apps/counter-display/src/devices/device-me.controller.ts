import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { DeviceMeSchema } from './device-me.schemas';
import { DeviceMeService } from './device-me.service';

@ApiTags('devices')
@ApiBearerAuth()
@Controller('devices/me')
export class DeviceMeController {
  constructor(private readonly devices: DeviceMeService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The calling device (by its token): its site, the site’s service and counter names and its display settings. 401 without a device token.' })
  @ApiOkResponse({ type: DeviceMeSchema })
  me(@Headers('authorization') authorization: string | undefined) {
    return this.devices.describe(authorization);
  }
}
