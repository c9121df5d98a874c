import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { OidcService, Public, SsoSignInResult, SsoSignInService } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError } from '@skranke/domain';
import { SsoHandoff } from './sso-handoff';

class SignInProviderSchema {
  @ApiProperty({ enum: ['oidc', 'saml'] }) id: 'oidc' | 'saml';
  @ApiProperty({ description: 'Where a page sends the browser to sign in, adding `?returnTo=` (a path of this app, or an address on one of the three apps)' }) loginUrl: string;
}

class SignInProvidersSchema {
  @ApiProperty({ type: [SignInProviderSchema], description: 'Empty: only the password login is set up' }) providers: SignInProviderSchema[];
}

class SsoUserSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

class SsoTokensSchema implements SsoSignInResult {
  @ApiProperty({ description: 'Bearer token for all three apps, short-lived (SSO_TOKEN_MINUTES)' }) accessToken: string;
  @ApiPropertyOptional({ description: 'For POST /auth/refresh before the access token expires; good once, the answer carries the next' }) refreshToken?: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: SsoUserSchema }) user: SsoUserSchema;
}

class ExchangeDto {
  @ApiProperty({ description: 'The one-time code the sign-in put in the page address (`#sso=`)' }) @IsString() @MinLength(1) @MaxLength(100) code: string;
}

class RefreshDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) refreshToken: string;
}

/** The pages' side of single sign-on, on all three apps: which providers are set up, the handoff, and refreshing. */
@ApiTags('auth')
@Controller('auth')
export class SsoController {
  constructor(
    private readonly sso: SsoSignInService,
    private readonly oidc: OidcService,
    private readonly handoff: SsoHandoff,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Public()
  @Get('providers')
  @ApiOperation({ summary: "The single sign-on providers set up: a page offers \"Log ind med kommunens login\" for each" })
  @ApiOkResponse({ type: SignInProvidersSchema })
  providers(): SignInProvidersSchema {
    const providers: SignInProviderSchema[] = [];
    if (this.oidc.enabled) providers.push({ id: 'oidc', loginUrl: `${this.config.urls.triage}/api/v1/auth/oidc/login` });
    if (this.config.sso.saml) providers.push({ id: 'saml', loginUrl: `${this.config.urls.triage}/api/v1/auth/saml/login` });
    return { providers };
  }

  @Public()
  @Post('sso/exchange')
  @HttpCode(200)
  @ApiOperation({ summary: "The page's tokens for the one-time code a sign-in left in its address (good once, for a minute): 401 `sso_code_invalid` otherwise" })
  @ApiOkResponse({ type: SsoTokensSchema })
  async exchange(@Body() body: ExchangeDto): Promise<SsoTokensSchema> {
    const result = await this.handoff.take(body.code);
    if (!result) throw new DomainError('unauthenticated', 'sso_code_invalid', 'This sign-in code is unknown, used or expired; sign in again.');
    return result;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new staff token for a single sign-on user: the provider is asked again and the roles re-mapped',
    description: '401 `sso_session_ended` (sign in again) or 403 `sso_no_role` (no role left: the user is deactivated, every token and socket ended).',
  })
  @ApiOkResponse({ type: SsoTokensSchema })
  refresh(@Body() body: RefreshDto, @Req() req: Request): Promise<SsoTokensSchema> {
    return this.sso.refresh(body.refreshToken, { address: req.ip });
  }
}
