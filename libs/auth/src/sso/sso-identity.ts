import { invalid } from '@skranke/domain';

/** Who the municipality's identity provider says signed in, and the raw values of its roles claim or attribute. */
export interface ExternalIdentity {
  provider: 'oidc' | 'saml';
  issuer: string;
  subject: string;
  displayName: string;
  email?: string;
  roleClaims: string[];
}

export interface SsoContext {
  /** The client's address, for the audit trail. */
  address?: string;
  /** The provider's refresh token (OIDC): each refresh asks the provider again with it. */
  providerRefreshToken?: string;
}

export interface SsoSignInResult {
  /** A staff token as the password login gives, for SSO_TOKEN_MINUTES. */
  accessToken: string;
  /** Skranke's refresh token (`POST /api/v1/auth/refresh`); each use gives a new one. */
  refreshToken?: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: { id: string; username: string; displayName: string };
}

/** Asks a provider again, with its refresh token, who the user is and which roles they have now. */
export type ProviderRefresher = (providerRefreshToken: string) => Promise<{ identity: ExternalIdentity; refreshToken?: string }>;

const MAX_TEXT = 1000;

/** What a provider's adapter hands over is checked before it touches the database (lengths, kinds). */
export function checkIdentity(identity: ExternalIdentity): void {
  const text = (v: unknown, max = MAX_TEXT) => typeof v === 'string' && v.length > 0 && v.length <= max;
  const ok =
    (identity?.provider === 'oidc' || identity?.provider === 'saml') &&
    text(identity.issuer) &&
    text(identity.subject) &&
    typeof identity.displayName === 'string' &&
    identity.displayName.length <= 200 &&
    (identity.email === undefined || text(identity.email, 254)) &&
    Array.isArray(identity.roleClaims) &&
    identity.roleClaims.length <= 500 &&
    identity.roleClaims.every((c) => text(c, 400));
  if (!ok) throw invalid('sso_identity_invalid', 'The identity provider sent an identity Skranke cannot use.');
}
