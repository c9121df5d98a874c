import type { ExternalIdentity } from '../sso-identity';
import { OIO_BPP_ATTRIBUTE, parsePrivilegeList, privilegeClaims } from './oio-bpp';

/** OIOSAML 3 names the privilege attribute so; KOMBIT's Context Handler (OIOSAML 2) `dk:gov:saml:attribute:Privileges_intermediate`. */
const BPP_ATTRIBUTES = [OIO_BPP_ATTRIBUTE, 'https://data.gov.dk/model/core/eid/privilegesIntermediate'];
const NAME_ATTRIBUTES = [
  'https://data.gov.dk/model/core/eid/fullName',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  'urn:oid:2.5.4.3',
  'displayName',
  'name',
];
const EMAIL_ATTRIBUTES = ['https://data.gov.dk/model/core/eid/email', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'urn:oid:0.9.2342.19200300.100.1.3', 'email', 'mail'];
/** A stable id of the person at the municipality (OIOSAML 3), else the NameID. */
const SUBJECT_ATTRIBUTES = ['https://data.gov.dk/model/core/eid/professional/uuid/persistent'];

export interface AssertedProfile {
  issuer: string;
  nameID: string;
  attributes: Record<string, unknown>;
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
const first = (attrs: Record<string, unknown>, names: string[]) => names.flatMap((n) => values(attrs[n]))[0];

/**
 * The identity a validated assertion names. Role claims come from the OIO-BPP privileges (KOMBIT)
 * and from the plain roles attribute (AD FS, OS2faktor); a PrivilegeList that cannot be read is refused
 * rather than read as no roles.
 */
export function samlIdentity(profile: AssertedProfile, rolesAttribute: string): ExternalIdentity {
  const attrs = profile.attributes ?? {};
  const claims = new Set(values(attrs[rolesAttribute]));
  for (const name of BPP_ATTRIBUTES) {
    for (const value of values(attrs[name])) for (const claim of privilegeClaims(parsePrivilegeList(value))) claims.add(claim);
  }
  const email = first(attrs, EMAIL_ATTRIBUTES);
  return {
    provider: 'saml',
    issuer: profile.issuer,
    subject: first(attrs, SUBJECT_ATTRIBUTES) ?? profile.nameID,
    displayName: (first(attrs, NAME_ATTRIBUTES) ?? email ?? '').slice(0, 200),
    ...(email ? { email } : {}),
    roleClaims: [...claims].slice(0, 500),
  };
}
