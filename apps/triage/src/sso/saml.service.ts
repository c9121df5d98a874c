import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CacheProvider, SAML, SamlConfig as NodeSamlConfig } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import Redis from 'ioredis';
import { ExternalIdentity, IdpMetadata, parseIdpMetadata, samlIdentity } from '@skranke/auth';
import { SKRANKE_CONFIG, SamlConfig, SkrankeConfig } from '@skranke/config';
import { DomainError, invalid } from '@skranke/domain';
import { REDIS } from '@skranke/platform';

/** Metadata read from SAML_IDP_METADATA_URL is read again after this long (a key rollover at the IdP reaches Skranke within it). */
const METADATA_MAX_AGE_MS = 60 * 60_000;
/** An AuthnRequest's id is kept this long for the answer's InResponseTo. */
const REQUEST_SECONDS = 600;
/** An assertion id is kept until the assertion expires (at least this long), so it is taken once. */
const MIN_REPLAY_SECONDS = 300;
const MAX_REPLAY_SECONDS = 24 * 3600;
/** node-saml (with xml-crypto), loaded once SAML is used: an installation without it does not hold it (docs/performance.md). */
const nodeSaml = () => import('@node-saml/node-saml');


/**
 * The service-provider side of SAML 2.0 (docs/identity.md#saml) on @node-saml/node-saml: the IdP's
 * metadata (a file, or an address read again hourly), SP metadata, AuthnRequests, and validating a
 * posted Response: signature (RSA-SHA256, or RSASSA-PSS `sha256-rsa-MGF1` as KOMBIT's Context
 * Handler signs, both verified by xml-crypto which node-saml uses), audience, time window, the
 * InResponseTo of a request this installation sent (kept in Redis, so any instance can take the
 * answer), and each assertion id used once (Redis SET NX until the assertion expires).
 */
@Injectable()
export class SamlService {
  private readonly logger = new Logger('Saml');
  private readonly config: SamlConfig | null;
  private loaded: { saml: SAML; idp: IdpMetadata; at: number } | null = null;
  private loading: Promise<{ saml: SAML; idp: IdpMetadata }> | null = null;

  constructor(
    @Inject(SKRANKE_CONFIG) private readonly skranke: SkrankeConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.config = skranke.sso.saml;
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  /** The SP's metadata for the IdP (entity id, ACS, the signing/encryption certificate when configured). */
  async metadata(): Promise<string> {
    const c = this.require();
    const cert = c.spCertificateFile ? await readFile(c.spCertificateFile, 'utf8') : null;
    const { generateServiceProviderMetadata } = await nodeSaml();
    return generateServiceProviderMetadata({
      issuer: c.spEntityId,
      callbackUrl: c.acsUrl,
      identifierFormat: null,
      wantAssertionsSigned: true,
      decryptionCert: cert,
      publicCerts: cert,
      ...(cert && c.spPrivateKeyFile ? { privateKey: await readFile(c.spPrivateKeyFile, 'utf8'), decryptionPvk: await readFile(c.spPrivateKeyFile, 'utf8'), signatureAlgorithm: 'sha256' as const } : {}),
    });
  }

  /** The IdP's sign-in address with a (signed, when a key is configured) AuthnRequest; `relayState` comes back with the answer. */
  async loginUrl(relayState: string): Promise<string> {
    const { saml, idp } = await this.load();
    if (!idp.ssoUrl) throw new DomainError('not-found', 'saml_off', 'The IdP metadata names no single sign-on address.');
    return saml.getAuthorizeUrlAsync(relayState, undefined, {});
  }

  /** The identity a posted SAMLResponse asserts, after every check; 4xx with a code otherwise. */
  async identityFrom(samlResponse: unknown): Promise<ExternalIdentity> {
    const c = this.require();
    if (typeof samlResponse !== 'string' || !samlResponse.length || samlResponse.length > 500_000) throw invalid('saml_response_invalid', 'Post a SAMLResponse.');
    if (!isResponse(samlResponse)) throw invalid('saml_response_invalid', 'The SAMLResponse is not a SAML 2.0 Response.');
    const { saml, idp } = await this.load();
    let profile;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (e) {
      throw refusal(e, (await nodeSaml()).SamlStatusError);
    }
    if (!profile) throw invalid('saml_response_invalid', 'The SAMLResponse holds no assertion.');
    if (profile.issuer !== idp.entityId) throw new DomainError('unauthenticated', 'saml_signature_invalid', 'The assertion comes from another issuer than the configured IdP.');
    await this.takeOnce(profile.getAssertion?.());
    try {
      return samlIdentity({ issuer: profile.issuer, nameID: profile.nameID, attributes: (profile.attributes as Record<string, unknown>) ?? {} }, c.rolesAttribute);
    } catch (e) {
      this.logger.warn(`unreadable roles in an assertion: ${(e as Error).message}`);
      throw invalid('saml_response_invalid', 'The assertion’s roles (OIO-BPP) cannot be read.');
    }
  }

  /** An assertion is accepted once: its id is kept (per issuer) until it would expire anyway. */
  private async takeOnce(assertion: Record<string, unknown> | undefined): Promise<void> {
    const a = (assertion as { Assertion?: { $?: { ID?: string }; Conditions?: { $?: { NotOnOrAfter?: string } }[] } })?.Assertion;
    const id = a?.$?.ID;
    if (!id) throw invalid('saml_response_invalid', 'The assertion has no ID.');
    const notOnOrAfter = Date.parse(a?.Conditions?.[0]?.$?.NotOnOrAfter ?? '');
    const skew = this.config!.clockSkewSeconds;
    const seconds = Number.isFinite(notOnOrAfter) ? Math.ceil((notOnOrAfter - Date.now()) / 1000) + skew : MAX_REPLAY_SECONDS;
    const ttl = Math.min(MAX_REPLAY_SECONDS, Math.max(MIN_REPLAY_SECONDS, seconds));
    const key = `${this.skranke.redisPrefix}:saml:assertion:${createHash('sha256').update(id).digest('hex')}`;
    const fresh = await this.redis.set(key, '1', 'EX', ttl, 'NX');
    if (fresh !== 'OK') throw new DomainError('unauthenticated', 'saml_assertion_replayed', 'This assertion has been used already; sign in again.');
  }

  private require(): SamlConfig {
    if (!this.config) throw new DomainError('not-found', 'saml_off', 'SAML sign-in is not set up here.');
    return this.config;
  }

  private async load(): Promise<{ saml: SAML; idp: IdpMetadata }> {
    const c = this.require();
    const fresh = this.loaded && (c.idpMetadataFile || Date.now() - this.loaded.at < METADATA_MAX_AGE_MS);
    if (fresh) return this.loaded!;
    this.loading ??= this.build(c).finally(() => (this.loading = null));
    try {
      return await this.loading;
    } catch (e) {
      // The last good metadata serves while the IdP's address is unreachable.
      if (this.loaded) return this.loaded;
      this.logger.error(`SAML IdP metadata unavailable: ${(e as Error).message}`);
      throw new DomainError('not-found', 'saml_off', 'The IdP’s metadata cannot be read now; try again shortly.');
    }
  }

  private async build(c: SamlConfig): Promise<{ saml: SAML; idp: IdpMetadata }> {
    const xml = c.idpMetadataFile ? await readFile(c.idpMetadataFile, 'utf8') : await fetchMetadata(c.idpMetadataUrl!);
    const idp = parseIdpMetadata(xml);
    const key = c.spPrivateKeyFile ? await readFile(c.spPrivateKeyFile, 'utf8') : null;
    const { SAML, ValidateInResponseTo } = await nodeSaml();
    const options: NodeSamlConfig = {
      idpCert: idp.signingKeys,
      idpIssuer: idp.entityId,
      issuer: c.spEntityId,
      audience: c.spEntityId,
      callbackUrl: c.acsUrl,
      entryPoint: idp.ssoUrl ?? undefined,
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      // The assertion must be signed (RSA-SHA256 or RSASSA-PSS); the Response around it may be too.
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: c.clockSkewSeconds * 1000,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
      requestIdExpirationPeriodMs: REQUEST_SECONDS * 1000,
      cacheProvider: this.requestIds(),
      ...(key ? { privateKey: key, decryptionPvk: key, signatureAlgorithm: 'sha256' as const } : {}),
    };
    const loaded = { saml: new SAML(options), idp, at: Date.now() };
    this.loaded = loaded;
    return loaded;
  }

  /** node-saml's cache of AuthnRequest ids, in Redis so the answer may reach any instance. */
  private requestIds(): CacheProvider {
    const key = (id: string) => `${this.skranke.redisPrefix}:saml:request:${id}`;
    return {
      saveAsync: async (id, value) => {
        await this.redis.set(key(id), value, 'EX', REQUEST_SECONDS);
        return { value, createdAt: Date.now() };
      },
      getAsync: async (id) => this.redis.get(key(id)),
      removeAsync: async (id) => {
        if (!id) return null;
        const [[, value]] = ((await this.redis.multi().get(key(id)).del(key(id)).exec()) ?? [[null, null]]) as [unknown, string | null][];
        return value;
      },
    };
  }
}

/** A base64 SAML 2.0 Response at least in shape; node-saml checks the rest (and calls anything else unsigned). */
function isResponse(base64: string): boolean {
  let failed = false;
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => (failed = true), fatalError: () => (failed = true) } }).parseFromString(
    Buffer.from(base64, 'base64').toString('utf8'),
    'text/xml',
  );
  const root = doc?.documentElement;
  return !failed && !!root && root.localName === 'Response' && root.namespaceURI === 'urn:oasis:names:tc:SAML:2.0:protocol';
}

async function fetchMetadata(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!res.ok) throw new Error(`metadata answered ${res.status}`);
  return res.text();
}

/** node-saml tells what failed in its messages only; each is a 4xx with a code here. */
function refusal(e: unknown, SamlStatusError: new (...args: never[]) => Error): DomainError {
  if (e instanceof DomainError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof SamlStatusError) return new DomainError('unauthenticated', 'saml_refused', 'The IdP did not sign you in.');
  if (/expired|not yet valid|too old|NotOnOrAfter|NotBefore/i.test(message)) return new DomainError('unauthenticated', 'saml_assertion_expired', 'The assertion has expired; sign in again.');
  if (/signature|signed|cert/i.test(message)) return new DomainError('unauthenticated', 'saml_signature_invalid', 'The assertion is not signed by the configured IdP.');
  if (/InResponseTo/i.test(message)) return new DomainError('unauthenticated', 'saml_request_unknown', 'This answer is to a sign-in this installation did not start, or one used already.');
  if (/audience/i.test(message)) return new DomainError('unauthenticated', 'saml_audience_mismatch', 'The assertion is meant for another service provider.');
  return invalid('saml_response_invalid', 'The SAMLResponse cannot be read.');
}
