import { Inject, Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import type { Configuration, IDToken } from 'openid-client';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError } from '@skranke/domain';
import { roleClaimValues } from './role-mapping';
import type { ExternalIdentity } from './sso-identity';
import { SsoSignInService } from './sso-sign-in.service';

/** openid-client, loaded once OpenID Connect is used: an installation without it does not hold it (docs/performance.md). */
const openid = () => import('openid-client');
type OpenId = Awaited<ReturnType<typeof openid>>;

/** What the login step must remember for the callback: kept server-side, used once. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * OpenID Connect against the municipality's provider (Entra ID, AD FS, …)
 * with openid-client: authorisation code with PKCE, state and nonce; the ID
 * token's claims give the identity and its roles (OIDC_ROLES_CLAIM). Each
 * refresh asks the provider again with its refresh token (registered with
 * SsoSignInService), so a role removed there ends access within a token's life.
 */
@Injectable()
export class OidcService implements OnModuleInit {
  private readonly logger = new Logger('Oidc');
  private discovered: Promise<Configuration> | null = null;

  constructor(
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly sso: SsoSignInService,
  ) {}

  get enabled(): boolean {
    return this.config.sso.oidc !== null;
  }

  onModuleInit(): void {
    if (this.enabled) this.sso.registerRefresher('oidc', (token) => this.refresh(token));
  }

  /** The provider's address for this sign-in, and what the callback must check against. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; transaction: OidcTransaction }> {
    const oidc = this.settings();
    const configuration = await this.configuration();
    const client = await openid();
    const transaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), returnTo };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: oidc.scopes,
      response_type: 'code',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, transaction };
  }

  /** Exchanges the code (checking state, nonce and PKCE) and reads who signed in. */
  async finish(callbackUrl: URL, redirectUri: string, transaction: OidcTransaction): Promise<{ identity: ExternalIdentity; refreshToken?: string }> {
    const configuration = await this.configuration();
    const client = await openid();
    let tokens: Awaited<ReturnType<OpenId['authorizationCodeGrant']>>;
    try {
      // The redirect URI sent to the token endpoint must be the one registered, whatever host the request came through.
      const current = new URL(redirectUri);
      current.search = callbackUrl.search;
      tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw refusal(client, e);
    }
    return { identity: this.identityOf(tokens.claims()), refreshToken: tokens.refresh_token };
  }

  /** The refresh_token grant: a new ID token with the claims as the provider has them now. */
  private async refresh(refreshToken: string): Promise<{ identity: ExternalIdentity; refreshToken?: string }> {
    const client = await openid();
    const tokens = await client.refreshTokenGrant(await this.configuration(), refreshToken);
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider answered the refresh without an ID token');
    // A provider may keep the refresh token (no rotation): the old one then stays.
    return { identity: this.identityOf(claims), refreshToken: tokens.refresh_token ?? refreshToken };
  }

  private identityOf(claims: IDToken | undefined): ExternalIdentity {
    if (!claims) throw new DomainError('unauthenticated', 'oidc_sign_in_failed', 'The provider sent no ID token.');
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const email = text(claims.email) ?? text(claims.preferred_username) ?? text(claims.upn);
    return {
      provider: 'oidc',
      issuer: claims.iss,
      subject: claims.sub,
      displayName: (text(claims.name) ?? [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ')) || email || claims.sub,
      email: email && email.length <= 254 ? email : undefined,
      roleClaims: roleClaimValues(claims[this.settings().rolesClaim]),
    };
  }

  private settings() {
    const oidc = this.config.sso.oidc;
    if (!oidc) throw new DomainError('not-found', 'oidc_not_configured', 'Sign-in with the municipality\'s login is not set up here.');
    return oidc;
  }

  /** The provider's metadata, fetched once; a failure is tried again at the next sign-in. */
  private configuration(): Promise<Configuration> {
    const oidc = this.settings();
    this.discovered ??= openid()
      .then((client) =>
        client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, client.ClientSecretPost(oidc.clientSecret), {
          // Plain http only for a provider on this machine (the configuration allows nothing else).
          execute: new URL(oidc.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        }),
      )
      .catch((e: Error) => {
        this.discovered = null;
        this.logger.warn(`OIDC discovery failed: ${e.message}`);
        throw new ServiceUnavailableException({ code: 'oidc_unavailable', message: "The municipality's login cannot be reached just now; try again shortly." });
      });
    return this.discovered;
  }
}

/** Why the provider's answer was refused, as a code: a state or nonce that does not match is someone else's sign-in. */
function refusal(client: OpenId, e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  // openid-client wraps oauth4webapi's error, which says what did not match.
  const err = e as { message?: string; error?: string; cause?: { message?: string; cause?: { claim?: string } } };
  const message = `${err?.message ?? ''} ${err?.cause?.message ?? ''}`;
  if (e instanceof client.AuthorizationResponseError) return new DomainError('unauthenticated', 'oidc_denied', `The provider refused the sign-in (${err.error}).`);
  if (message.includes('"state"')) return new DomainError('invalid', 'oidc_state_mismatch', 'The sign-in answer does not belong to this sign-in (state); start again.');
  if (message.includes('"nonce"') || err?.cause?.cause?.claim === 'nonce') return new DomainError('unauthenticated', 'oidc_nonce_mismatch', 'The ID token does not belong to this sign-in (nonce); start again.');
  return new DomainError('unauthenticated', 'oidc_sign_in_failed', 'The sign-in with the provider failed; start again.');
}
