import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { RateLimited } from '@skranke/platform';
import { SiteWaitTimesDto } from './wait-times.dto';
import { WaitTimesService } from './wait-times.service';

@ApiTags('public')
@Controller('public/sites')
export class WaitTimesController {
  constructor(private readonly waitTimes: WaitTimesService) {}

  @Get(':slug/wait-times')
  @Public()
  @RateLimited('public')
  @Header('Cache-Control', 'public, max-age=5')
  @ApiOperation({ summary: 'Waiting count, estimated wait and target per service; no authentication, safe to embed' })
  @ApiOkResponse({ type: SiteWaitTimesDto })
  get(@Param('slug') slug: string) {
    return this.waitTimes.forSlug(slug);
  }
}
