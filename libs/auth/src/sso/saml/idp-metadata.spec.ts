import { createPublicKey } from 'node:crypto';
import { TestIdp, idpKey } from '../../../../../test/support/saml-idp';
import { parseIdpMetadata } from './idp-metadata';

const keyOf = (privateKey: string) => createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();

test('reads the entity id, the redirect sign-in address and the signing key', () => {
  const idp = new TestIdp();
  expect(parseIdpMetadata(idp.metadata())).toEqual({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, signingKeys: [keyOf(idp.key.privateKey)] });
});

test('during a key rollover both signing keys count; an encryption-only key does not', () => {
  const idp = new TestIdp();
  const [next, encryption] = [idpKey(), idpKey()];
  const cert = (use: string, c: string) => `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  const xml = idp.metadata().replace('<md:SingleSignOnService', `${cert('signing', next.certificateBase64)}${cert('encryption', encryption.certificateBase64)}<md:SingleSignOnService`);
  expect(parseIdpMetadata(xml).signingKeys).toEqual([keyOf(idp.key.privateKey), keyOf(next.privateKey)]);
});

test('refuses metadata without an IdP or a signing certificate', () => {
  expect(() => parseIdpMetadata('<EntityDescriptor entityID="x"/>')).toThrow(/IDPSSODescriptor/);
  expect(() => parseIdpMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor>')).toThrow(/signing/);
  expect(() => parseIdpMetadata('not xml <')).toThrow();
});
