/**
 * Skranke's system roles, granted per site. `reports` reads statistics only (a manager or analyst who
 * works no counter); `integration` manages webhooks and reads the event feed (an IT department's role).
 */
export const ROLES = ['admin', 'supervisor', 'floor', 'counter', 'reports', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** An admin may do what a supervisor may, a supervisor what floor, counter and reports staff may. */
const IMPLIED: Record<Role, readonly Role[]> = {
  admin: ['admin', 'supervisor', 'floor', 'counter', 'reports', 'integration'],
  supervisor: ['supervisor', 'floor', 'counter', 'reports'],
  floor: ['floor'],
  counter: ['counter'],
  reports: ['reports'],
  integration: ['integration'],
};

/** The roles a grant of `role` includes, itself first. */
export const impliedRoles = (role: Role): Role[] => [...IMPLIED[role]];

export interface SiteRole {
  siteId: string;
  role: Role;
}

export function hasRole(grants: readonly SiteRole[], siteId: string, needed: readonly Role[]): boolean {
  return grants.some((g) => g.siteId === siteId && needed.some((n) => IMPLIED[g.role].includes(n)));
}

export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const COUNTER_KINDS = ['counter', 'desk', 'assisted-self-service'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
export const COUNTER_STATES = ['open', 'paused', 'closed'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

export const ENCOUNTER_OUTCOMES = ['resolved-on-spot', 'self-service', 'referred', 'ticket'] as const;
export type EncounterOutcome = (typeof ENCOUNTER_OUTCOMES)[number];
