import { type DeviceKind, type SiteRole, municipalitySlug } from '@skranke/domain';

/**
 * Who is asking: a staff member, a device, or a citizen holding a tracking token.
 * A staff member's `grants` include an `admin` grant for every site of each
 * municipality in `municipalities` (the slugs they administer), so every role
 * check treats a municipality administrator as admin of its sites.
 */
export type Actor =
  | { kind: 'user'; userId: string; username: string; superAdmin: boolean; municipalities: string[]; grants: SiteRole[] }
  | { kind: 'device'; deviceId: string; siteId: string; deviceKind: DeviceKind }
  | { kind: 'citizen'; ticketId: string }
  | { kind: 'system'; reason: string };

export const actorUserId = (a: Actor) => (a.kind === 'user' ? a.userId : null);
export const actorDeviceId = (a: Actor) => (a.kind === 'device' ? a.deviceId : null);

/** Whether the actor may place sites in (and grant administration of) the municipality so named: the installation's administrator, or that municipality's. */
export function administersMunicipality(actor: Actor, municipality: string | null | undefined): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.superAdmin) return true;
  return !!municipality && actor.municipalities.includes(municipalitySlug(municipality));
}
