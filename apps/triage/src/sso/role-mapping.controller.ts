import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { RoleMappingDto } from './role-mapping.dto';
import { RoleMappingService } from './role-mapping.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('sso/role-mapping')
export class RoleMappingController {
  constructor(private readonly mapping: RoleMappingService) {}

  @Get()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({ summary: "Which values of the identity provider's roles claim give which role at which site (the caller's sites)" })
  @ApiOkResponse({ type: RoleMappingDto })
  get(@CurrentActor() actor: Actor): Promise<RoleMappingDto> {
    return this.mapping.get(actor);
  }

  @Put()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({
    summary: 'Replace the role mapping at the sites the caller administers (audited)',
    description:
      'Signed-in users get the new roles at their next sign-in or refresh (within SSO_TOKEN_MINUTES). Besides the mapping, a claim `skranke:<siteSlug>:<role>` always gives that role at that site.',
  })
  @ApiOkResponse({ type: RoleMappingDto })
  put(@Body() dto: RoleMappingDto, @CurrentActor() actor: Actor): Promise<RoleMappingDto> {
    return this.mapping.put(dto.entries, actor);
  }
}
