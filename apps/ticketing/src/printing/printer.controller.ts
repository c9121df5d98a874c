import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { PrinterDto } from './printer.dto';
import { PrinterService } from './printer.service';

@ApiTags('kiosk')
@ApiBearerAuth()
@Controller('sites/:siteId/devices/:deviceId/printer')
export class PrinterController {
  constructor(private readonly printers: PrinterService) {}

  @Put()
  @Access({ site: 'siteId', roles: ['admin'] })
  @ApiOperation({ summary: 'Set or remove a kiosk’s network receipt printer (ESC/POS over TCP)' })
  set(@Param('siteId') siteId: string, @Param('deviceId', ParseUUIDPipe) deviceId: string, @Body() dto: PrinterDto) {
    return this.printers.set(siteId, deviceId, dto.address);
  }
}
