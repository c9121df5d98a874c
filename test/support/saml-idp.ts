import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
/** RSASSA-PSS with SHA-256 and MGF1, as KOMBIT's Context Handler signs (RFC 6931). */
export const RSA_PSS_SHA256 = 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1';

export interface IdpKey {
  privateKey: string;
  certificateBase64: string;
}

/** An RSA key made with node:crypto, and a self-signed certificate for it (openssl only wraps the key; metadata carries certificates). */
export function idpKey(): IdpKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'saml-idp-'));
  try {
    writeFileSync(join(dir, 'key.pem'), pem);
    const cert = execFileSync('openssl', ['req', '-x509', '-key', join(dir, 'key.pem'), '-subj', '/CN=Test IdP', '-days', '2', '-sha256'], { encoding: 'utf8' });
    return { privateKey: pem, certificateBase64: cert.replace(/-----[^-]+-----|\s+/g, '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface AssertionOptions {
  audience: string;
  acsUrl: string;
  nameId?: string;
  attributes?: Record<string, string[]>;
  /** Sign the assertion with this algorithm; null leaves it unsigned. */
  algorithm?: string | null;
  /** Sign with another key than the one the metadata names. */
  key?: IdpKey;
  /** Minutes from now the assertion stays valid (negative: expired). */
  validMinutes?: number;
  inResponseTo?: string;
  issuer?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A SAML 2.0 identity provider in the test: its metadata, and signed Responses as an IdP posts them. */
export class TestIdp {
  readonly entityId = 'https://idp.test.example/saml';
  readonly ssoUrl = 'https://idp.test.example/sso';
  readonly key = idpKey();

  metadata(): string {
    return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${this.key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** A base64 SAMLResponse with one assertion, signed (the assertion) as asked. */
  response(o: AssertionOptions): string {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const valid = now + (o.validMinutes ?? 5) * 60_000;
    const issued = o.validMinutes !== undefined && o.validMinutes < 0 ? valid - 5 * 60_000 : now;
    const assertionId = `_${randomUUID()}`;
    const irt = o.inResponseTo ? ` InResponseTo="${o.inResponseTo}"` : '';
    const attributes = Object.entries(o.attributes ?? {})
      .map(([name, values]) => `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
      .join('');
    const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${assertionId}" Version="2.0" IssueInstant="${iso(issued)}"><saml:Issuer>${o.issuer ?? this.entityId}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(o.nameId ?? 'CN=Mette Holm,Serial=CVR:29189846-RID:1234')}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(valid)}" Recipient="${o.acsUrl}"${irt}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(issued - 60_000)}" NotOnOrAfter="${iso(valid)}"><saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(issued)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
    const signed = o.algorithm === null ? assertion : sign(assertion, o.algorithm ?? RSA_SHA256, (o.key ?? this.key).privateKey);
    const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(issued)}" Destination="${o.acsUrl}"${irt}><saml:Issuer>${o.issuer ?? this.entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signed}</samlp:Response>`;
    return Buffer.from(response).toString('base64');
  }
}

/** An enveloped signature over the assertion, placed after its Issuer (as SAML requires), exclusive c14n, SHA-256 digest. */
function sign(assertion: string, algorithm: string, privateKey: string): string {
  const sig = new SignedXml({ privateKey, signatureAlgorithm: algorithm, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(assertion, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return sig.getSignedXml();
}
