import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { LoginService, Public, SessionsService, SignedInUser, bearer } from '@skranke/auth';
import { ROLES, type Role } from '@skranke/domain';
import { DomainError } from '@skranke/domain';
import { LoginLimiter } from './login-limiter';
import { NotFreeText } from './free-text';

class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) @NotFreeText() password: string;
}

class SiteRoleSchema {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

class SignedInUserSchema implements SignedInUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: 'The name shown on staff pages and to colleagues' }) displayName: string;
  @ApiProperty({ type: [SiteRoleSchema] }) roles: SiteRoleSchema[];
}

class LoginResultSchema {
  @ApiProperty({ description: 'Bearer token for all three apps' }) accessToken: string;
  @ApiProperty({ type: SignedInUserSchema }) user: SignedInUserSchema;
}

@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(
    private readonly logins: LoginService,
    private readonly limiter: LoginLimiter,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff login; the access token works on all three apps',
    description:
      'Wrong passwords are limited per username and per client address: 429 `login_throttled`, `login_locked` or `login_address_locked` with `Retry-After`.',
  })
  @ApiOkResponse({ type: LoginResultSchema })
  async login(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResultSchema> {
    const attempt = await this.limiter.admit(body.username, req.ip ?? 'unknown');
    try {
      const result = await this.logins.login(body.username, body.password);
      await this.limiter.succeeded(attempt);
      return result;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid_credentials') await this.limiter.failed(attempt);
      else await this.limiter.undone(attempt);
      throw e;
    }
  }

  /** Open to any staff token, whatever its roles: a page shows who is signed in, and a user without the page's role is told so. */
  @Public()
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in staff user: name and roles per site; 401 when the token no longer works' })
  @ApiOkResponse({ type: SignedInUserSchema })
  async me(@Req() req: { headers: Record<string, unknown> }): Promise<SignedInUserSchema> {
    const user = await this.logins.whoAmI(bearer(req.headers.authorization));
    if (!user) throw new DomainError('unauthenticated', 'unauthenticated', 'Send a valid staff token as "Authorization: Bearer <token>".');
    return user;
  }

  /** Open to any staff token, whatever its roles: the service checks the token itself. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Ends the caller's token at once on every app and open socket; the user's other tokens keep working" })
  async logout(@Req() req: { headers: Record<string, unknown> }): Promise<void> {
    await this.sessions.logout(bearer(req.headers.authorization));
  }
}
