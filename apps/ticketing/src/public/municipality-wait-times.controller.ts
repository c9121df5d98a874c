import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { RateLimited } from '@skranke/platform';
import { MunicipalityWaitTimesService } from './municipality-wait-times.service';
import { MunicipalityWaitTimesDto } from './wait-times.dto';

@ApiTags('public')
@Controller('public/municipalities')
export class MunicipalityWaitTimesController {
  constructor(private readonly waitTimes: MunicipalityWaitTimesService) {}

  @Get(':municipality/wait-times')
  @Public()
  @RateLimited('public')
  @Header('Cache-Control', 'public, max-age=5')
  @ApiOperation({
    summary: 'Wait times of every site of a municipality, by site name; no authentication, safe to embed',
    description: 'Each site as GET /public/sites/:slug/wait-times answers it. The widget page /widget/municipality/:municipality shows it.',
  })
  @ApiParam({
    name: 'municipality',
    example: 'aarhus-kommune',
    description:
      'The municipality name of the sites as a slug: lowercase, æ→ae, ø→oe, å→aa, every run of other characters one "-" ("Ærø Kommune" → aeroe-kommune)',
  })
  @ApiOkResponse({ type: MunicipalityWaitTimesDto })
  @ApiBadRequestResponse({ description: '`invalid_municipality_slug`: not a slug (other characters, or over 200 long)' })
  @ApiNotFoundResponse({ description: '`municipality_not_found`: no site has that municipality' })
  @ApiTooManyRequestsResponse({ description: '`rate_limited`' })
  get(@Param('municipality') municipality: string) {
    return this.waitTimes.forSlug(municipality);
  }
}
