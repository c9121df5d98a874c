import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { LoginService, Public, SessionsService, bearer } from '@skranke/auth';
import { DomainError } from '@skranke/domain';
import { LoginLimiter } from './login-limiter';
import { NotFreeText } from './free-text';

class LoginDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) @NotFreeText() password: string;
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
  async login(@Body() body: LoginDto, @Req() req: Request) {
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
