import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';

export interface IdpMetadata {
  entityId: string;
  /** Where AuthnRequests go (HTTP-Redirect binding, else HTTP-POST). */
  ssoUrl: string | null;
  /** The signing keys as PEM public keys (several during a key rollover). */
  signingKeys: string[];
}

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** The IdP's entity id, its single sign-on address and its signing certificates' keys from its SAML metadata. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  let failed = false;
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => (failed = true), fatalError: () => (failed = true) } }).parseFromString(xml, 'text/xml');
  const all = (el: Element | Document, name: string): Element[] => Array.from(el.getElementsByTagNameNS('*', name) as unknown as ArrayLike<Element>);
  const entity = doc?.documentElement?.localName === 'EntityDescriptor' ? doc.documentElement : all(doc, 'EntityDescriptor')[0];
  const idp = entity && all(entity, 'IDPSSODescriptor')[0];
  if (failed || !entity || !idp || !entity.getAttribute('entityID')) throw new Error('SAML IdP metadata without an EntityDescriptor with an IDPSSODescriptor');
  const services = all(idp, 'SingleSignOnService');
  const sso = services.find((s) => s.getAttribute('Binding') === REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === POST);
  const signingKeys = all(idp, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') || 'signing') === 'signing')
    .flatMap((k) => all(k, 'X509Certificate'))
    .map((c) => certificateKey((c.textContent ?? '').replace(/\s+/g, '')));
  if (!signingKeys.length) throw new Error('SAML IdP metadata names no signing certificate');
  return { entityId: entity.getAttribute('entityID')!, ssoUrl: sso?.getAttribute('Location') || null, signingKeys: [...new Set(signingKeys)] };
}

/** The certificate's public key: signatures are checked against the key the metadata vouches for (as node-saml does with a certificate). */
function certificateKey(base64: string): string {
  const pem = `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
  return new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}
