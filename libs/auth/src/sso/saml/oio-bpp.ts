import { DOMParser } from '@xmldom/xmldom';
import { ROLE_CATALOGUE } from '@skranke/domain';

/** The OIO Basic Privilege Profile attribute KOMBIT's Context Handler sends: base64 of a PrivilegeList. */
export const OIO_BPP_ATTRIBUTE = 'dk:gov:saml:attribute:Privileges_intermediate';
/** Skranke's data constraint (dataafgrænsning) in Fælleskommunal Adgangsstyring: the value is a site's slug. */
export const SITE_CONSTRAINT = 'https://skranke.dk/constraints/site/1';

export interface Privilege {
  privilege: string;
  /** The group's Scope, e.g. `urn:dk:gov:saml:cvrNumberIdentifier:29189846` (the municipality). */
  scope: string | null;
  constraints: { name: string; value: string }[];
}

/** The privileges of an OIO-BPP PrivilegeList (base64 or plain XML). Anything not a PrivilegeList is refused. */
export function parsePrivilegeList(value: string): Privilege[] {
  const xml = value.trimStart().startsWith('<') ? value : Buffer.from(value, 'base64').toString('utf8');
  let failed = false;
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => (failed = true), fatalError: () => (failed = true) } }).parseFromString(xml, 'text/xml');
  const root = doc?.documentElement;
  if (failed || !root || root.localName !== 'PrivilegeList') throw new Error('not an OIO-BPP PrivilegeList');
  const out: Privilege[] = [];
  for (const group of children(root, 'PrivilegeGroup')) {
    const scope = group.getAttribute('Scope') || null;
    const constraints = children(group, 'Constraint').map((c) => ({ name: c.getAttribute('Name') ?? '', value: text(c) })).filter((c) => c.name && c.value);
    for (const p of children(group, 'Privilege')) {
      const privilege = text(p);
      if (privilege) out.push({ privilege, scope, constraints });
    }
  }
  return out;
}

/**
 * The role claims privileges give, for the role mapping (SsoSignInService): each privilege as sent
 * (unconstrained), and `<privilege>|<constraint name>=<value>` for each of its constraints, so an
 * administrator can map a privilege at one organisation unit to a site. A catalogue role constrained
 * to Skranke's site constraint also gives `skranke:<slug>:<role>`, which needs no mapping.
 */
export function privilegeClaims(privileges: readonly Privilege[]): string[] {
  const claims = new Set<string>();
  for (const p of privileges) {
    if (!p.constraints.length) claims.add(p.privilege);
    const role = ROLE_CATALOGUE.find((r) => r.identifier === p.privilege || r.id === p.privilege)?.id;
    for (const c of p.constraints) {
      claims.add(`${p.privilege}|${c.name}=${c.value}`);
      if (role && c.name === SITE_CONSTRAINT) claims.add(`skranke:${c.value}:${role}`);
    }
  }
  return [...claims];
}

type El = Element;
const children = (el: El, name: string): El[] => Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((n): n is El => n.nodeType === 1 && (n as El).localName === name);
const text = (el: El) => (el.textContent ?? '').trim();
