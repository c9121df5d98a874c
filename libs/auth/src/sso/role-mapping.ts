import { ROLES, type Role, type SiteRole } from '@skranke/domain';

/** An administrator's rule: this value of the roles claim gives this role at this site. */
export interface RoleMappingEntry {
  claim: string;
  siteId: string;
  role: Role;
}

/** The convention that needs no mapping: `skranke:<siteSlug>:<role>`, as an app role's value in Entra ID. */
const CONVENTION = /^skranke:([a-z0-9][a-z0-9-]{0,62}):([a-z]+)$/;

/**
 * The site roles a user's role claims give: every mapping entry whose claim the
 * user holds, and every claim that follows the convention for a site that
 * exists. Claims match exactly (case-sensitive, as providers send them);
 * unknown claims are ignored. Each role once, in a stable order.
 */
export function mapRoleClaims(claims: readonly string[], entries: readonly RoleMappingEntry[], sites: readonly { id: string; slug: string }[]): SiteRole[] {
  const held = new Set(claims);
  const found = new Map<string, SiteRole>();
  const add = (siteId: string, role: Role) => found.set(`${siteId}/${role}`, { siteId, role });
  for (const e of entries) if (held.has(e.claim)) add(e.siteId, e.role);
  for (const claim of held) {
    const m = CONVENTION.exec(claim);
    const site = m && sites.find((s) => s.slug === m[1]);
    if (site && (ROLES as readonly string[]).includes(m[2])) add(site.id, m[2] as Role);
  }
  return [...found.values()].sort((a, b) => a.siteId.localeCompare(b.siteId) || a.role.localeCompare(b.role));
}

/**
 * The role claim's values as a provider sends them: Entra ID an array (`roles`),
 * some others a single string (one value: a group's name may hold spaces and commas).
 */
export function roleClaimValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 400))];
}
