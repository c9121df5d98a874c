import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OidcService, OidcTransaction, Public, SsoSignInService } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError, invalid } from '@skranke/domain';
import { SsoHandoff } from '@skranke/platform';
import { safeReturnTo } from './return-to';

const COOKIE = 'skranke_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';
/** Refusals a person should read on the page they came from, in its language (not someone tampering). */
const TOLD_ON_THE_PAGE = ['sso_no_role', 'user_deactivated', 'oidc_denied'];

/**
 * OpenID Connect sign-in for staff (docs/identity.md): `login` sends the
 * browser to the provider, keeping the sign-in's state, nonce and PKCE
 * verifier in Redis under an id in an httpOnly cookie; `callback` checks the
 * answer against them (once), signs the user in and sends the browser back
 * with a one-time code in the fragment, which the page exchanges for its tokens.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly sso: SsoSignInService,
    private readonly handoff: SsoHandoff,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Public()
  @Get('login')
  @ApiOperation({ summary: "Sign in with the municipality's login (OpenID Connect): redirects to the provider; 404 `oidc_not_configured` without OIDC_ISSUER" })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path of this app, or an address on one of the three apps (400 `invalid_return_to` otherwise)' })
  @ApiResponse({ status: 302, description: "To the provider's sign-in" })
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new DomainError('not-found', 'oidc_not_configured', "Sign-in with the municipality's login is not set up here.");
    const target = safeReturnTo(returnTo, this.config.urls.triage, this.appOrigins());
    const { url, transaction } = await this.oidc.start(this.redirectUri(), target);
    const id = await this.handoff.keepTransaction(transaction);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Set-Cookie', this.cookie(id, 600));
    res.redirect(302, url);
  }

  @Public()
  @Get('callback')
  @ApiOperation({
    summary: "The provider's answer: back to the page with a one-time code (`#sso=`), or with `#sso_error=<code>` when the user may not sign in",
    description: 'A missing or used sign-in (400 `oidc_transaction_missing`), a state (400 `oidc_state_mismatch`) or nonce (401 `oidc_nonce_mismatch`) that does not match is refused.',
  })
  @ApiResponse({ status: 302, description: 'Back to the page the sign-in started from' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    // The cookie has done its work whatever happens now.
    res.setHeader('Set-Cookie', this.cookie('', 0));
    const transaction = await this.handoff.takeTransaction<OidcTransaction>(cookieOf(req, COOKIE));
    if (!transaction) throw invalid('oidc_transaction_missing', 'This sign-in is unknown, used or expired; start it again from the page.');
    let fragment: string;
    try {
      const { identity, refreshToken } = await this.oidc.finish(new URL(req.originalUrl, this.config.urls.triage), this.redirectUri(), transaction);
      const result = await this.sso.signIn(identity, { address: req.ip, providerRefreshToken: refreshToken });
      fragment = `sso=${await this.handoff.offer(result)}`;
    } catch (e) {
      if (!(e instanceof DomainError && TOLD_ON_THE_PAGE.includes(e.code))) throw e;
      fragment = `sso_error=${e.code}`;
    }
    res.redirect(302, `${transaction.returnTo}#${fragment}`);
  }

  private redirectUri(): string {
    return `${this.config.urls.triage}/api/v1/auth/oidc/callback`;
  }

  private appOrigins(): string[] {
    return Object.values(this.config.urls).map((u) => new URL(u).origin);
  }

  /** httpOnly (no script reads it), Lax (sent on the provider's top-level redirect back), only to these two routes. */
  private cookie(value: string, maxAge: number): string {
    const secure = this.config.urls.triage.startsWith('https:') ? '; Secure' : '';
    return `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
