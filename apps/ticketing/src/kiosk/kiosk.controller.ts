import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { RateLimited } from '@skranke/platform';
import { KioskInfoService } from './kiosk-info.service';
import { KioskStartSchema } from './kiosk.schemas';

@ApiTags('kiosk')
@Controller('kiosk/sites')
export class KioskController {
  constructor(private readonly info: KioskInfoService) {}

  @Get(':slug')
  @Public()
  @RateLimited('kiosk-info')
  @ApiOperation({ summary: 'The kiosk start screen (public information only): services, opening state, closing warnings per service, alternatives, branding' })
  @ApiOkResponse({ type: KioskStartSchema })
  get(@Param('slug') slug: string) {
    return this.info.forSlug(slug);
  }
}
