import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SsoSignInService } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError } from '@skranke/domain';
import { SsoHandoff } from '@skranke/platform';
import { safeReturnTo } from './return-to';
import { SamlService } from './saml.service';

/** Refusals a person should read on the page they came from (as the OIDC callback does), not someone tampering. */
const TOLD_ON_THE_PAGE = ['sso_no_role', 'user_deactivated', 'saml_refused'];

interface SamlTransaction {
  returnTo: string;
}

/**
 * SAML 2.0 sign-in for staff (docs/identity.md#saml): the SP metadata, a login that sends the browser to
 * the IdP with an AuthnRequest, and the Assertion Consumer Service, which signs the user in
 * (SsoSignInService) and sends the browser back with a one-time code in the fragment (`#sso=`), as the
 * OIDC callback does; the page exchanges it at `POST /api/v1/auth/sso/exchange`.
 */
@ApiTags('auth')
@Controller('auth/saml')
export class SamlController {
  constructor(
    private readonly saml: SamlService,
    private readonly sso: SsoSignInService,
    private readonly handoff: SsoHandoff,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Public()
  @Get('metadata')
  @Header('Content-Type', 'application/samlmetadata+xml; charset=utf-8')
  @ApiOperation({ summary: "The service provider's SAML metadata (entity id, Assertion Consumer Service, certificate); 404 `saml_off` without SAML_IDP_METADATA_URL/FILE" })
  @ApiProduces('application/samlmetadata+xml')
  @ApiResponse({ status: 200, description: 'SAML 2.0 EntityDescriptor' })
  metadata(): Promise<string> {
    return this.saml.metadata();
  }

  @Public()
  @Get('login')
  @ApiOperation({ summary: "Sign in with the municipality's login (SAML 2.0): redirects to the IdP with an AuthnRequest; 404 `saml_off` when not set up" })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path of this app, or an address on one of the three apps (400 `invalid_return_to` otherwise)' })
  @ApiResponse({ status: 302, description: "To the IdP's sign-in" })
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    if (!this.saml.enabled) throw new DomainError('not-found', 'saml_off', 'SAML sign-in is not set up here.');
    const target = safeReturnTo(returnTo, this.config.urls.triage, Object.values(this.config.urls).map((u) => new URL(u).origin));
    // RelayState carries only an id (SAML allows 80 bytes); where to return stays in Redis.
    const relayState = await this.handoff.keepTransaction<SamlTransaction>({ returnTo: target });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.saml.loginUrl(relayState));
  }

  @Public()
  @Post('acs')
  @HttpCode(302)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({
    summary: "The Assertion Consumer Service (HTTP-POST binding): back to the page with a one-time code (`#sso=`), or `#sso_error=<code>` when the user may not sign in",
    description:
      'Refused with 4xx: no or unreadable SAMLResponse (400 `saml_response_invalid`), unsigned or wrongly signed (401 `saml_signature_invalid`), expired (401 `saml_assertion_expired`), used before (401 `saml_assertion_replayed`), for another SP (401 `saml_audience_mismatch`), an answer to a request not sent here (401 `saml_request_unknown`).',
  })
  @ApiResponse({ status: 302, description: 'Back to the page the sign-in started from' })
  async acs(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const identity = await this.saml.identityFrom(body?.SAMLResponse);
    // An IdP-initiated sign-in has no RelayState of ours: back to the start page.
    const transaction = await this.handoff.takeTransaction<SamlTransaction>(body?.RelayState);
    const returnTo = transaction?.returnTo ?? new URL('/', this.config.urls.triage).href;
    let fragment: string;
    try {
      fragment = `sso=${await this.handoff.offer(await this.sso.signIn(identity, { address: req.ip }))}`;
    } catch (e) {
      if (!(e instanceof DomainError && TOLD_ON_THE_PAGE.includes(e.code))) throw e;
      fragment = `sso_error=${e.code}`;
    }
    res.redirect(302, `${returnTo}#${fragment}`);
  }
}
