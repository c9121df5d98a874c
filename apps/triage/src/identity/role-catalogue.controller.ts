import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@skranke/auth';
import { roleCatalogueDocument } from '@skranke/domain';
import { RoleCatalogueSchema } from './role-catalogue.schemas';

@ApiTags('auth')
@Controller('auth')
export class RoleCatalogueController {
  /** Public on purpose: an IdP or OS2rollekatalog reads it without an account; it names roles, never people. */
  @Public()
  @Get('role-catalogue')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({
    summary: "Skranke's system roles with Danish and English descriptions, for an identity provider or OS2rollekatalog",
    description: 'The same document as docs/role-catalogue.json. `os2rollekatalog.systemRoles` lists identifier, name and description (Danish) per role.',
  })
  @ApiOkResponse({ type: RoleCatalogueSchema })
  get(): RoleCatalogueSchema {
    return roleCatalogueDocument();
  }
}
