import type { DeviceKind, SiteRole } from '@skranke/domain';

/** Who is asking: a staff member, a device, or a citizen holding a tracking token. */
export type Actor =
  | { kind: 'user'; userId: string; username: string; superAdmin: boolean; grants: SiteRole[] }
  | { kind: 'device'; deviceId: string; siteId: string; deviceKind: DeviceKind }
  | { kind: 'citizen'; ticketId: string }
  | { kind: 'system'; reason: string };

export const actorUserId = (a: Actor) => (a.kind === 'user' ? a.userId : null);
export const actorDeviceId = (a: Actor) => (a.kind === 'device' ? a.deviceId : null);
