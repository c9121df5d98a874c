/**
 * SAML 2.0 sign-in (docs/identity.md#saml): on when SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE is set.
 * Key and certificate are file paths (PEM); they sign the AuthnRequests and decrypt encrypted assertions.
 */
export interface SamlConfig {
  idpMetadataUrl: string | null;
  idpMetadataFile: string | null;
  /** SAML_SP_ENTITY_ID; default the metadata's own address. */
  spEntityId: string;
  /** The Assertion Consumer Service, `<TRIAGE_URL>/api/v1/auth/saml/acs`. */
  acsUrl: string;
  spPrivateKeyFile: string | null;
  spCertificateFile: string | null;
  /** SAML_ROLES_ATTRIBUTE: a plain attribute whose values are role claims (AD FS, OS2faktor), besides OIO-BPP. */
  rolesAttribute: string;
  /** SAML_CLOCK_SKEW_SECONDS: how far the IdP's clock may be off (default 60). */
  clockSkewSeconds: number;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_SAML_ROLES_ATTRIBUTE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

export function samlConfig(env: Env, problems: string[], triageUrl: string): SamlConfig | null {
  const value = (name: string) => env[name]?.trim() || null;
  const metadataUrl = value('SAML_IDP_METADATA_URL');
  const metadataFile = value('SAML_IDP_METADATA_FILE');
  if (!metadataUrl && !metadataFile) return null;
  if (metadataUrl && metadataFile) problems.push('Set SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE, not both');
  if (metadataUrl) {
    if (!secureUrl(metadataUrl)) problems.push('SAML_IDP_METADATA_URL must be an https address (http only on localhost)');
  }
  const [key, cert] = [value('SAML_SP_PRIVATE_KEY_FILE'), value('SAML_SP_CERTIFICATE_FILE')];
  if (!!key !== !!cert) problems.push('SAML_SP_PRIVATE_KEY_FILE and SAML_SP_CERTIFICATE_FILE go together');
  const skew = Number(value('SAML_CLOCK_SKEW_SECONDS') ?? 60);
  if (!Number.isInteger(skew) || skew < 0 || skew > 600) problems.push('SAML_CLOCK_SKEW_SECONDS must be 0…600');
  const base = triageUrl.replace(/\/$/, '');
  return {
    idpMetadataUrl: metadataUrl,
    idpMetadataFile: metadataFile,
    spEntityId: value('SAML_SP_ENTITY_ID') ?? `${base}/api/v1/auth/saml/metadata`,
    acsUrl: `${base}/api/v1/auth/saml/acs`,
    spPrivateKeyFile: key,
    spCertificateFile: cert,
    rolesAttribute: value('SAML_ROLES_ATTRIBUTE') ?? DEFAULT_SAML_ROLES_ATTRIBUTE,
    clockSkewSeconds: skew,
  };
}

/** https, or http to this machine only (tests, a local proxy): the metadata names the keys Skranke trusts. */
function secureUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}
