import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LoginService, Public, SessionsService, bearer } from '@skranke/auth';
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
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login; the access token works on all three apps' })
  login(@Body() body: LoginDto) {
    return this.logins.login(body.username, body.password);
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
