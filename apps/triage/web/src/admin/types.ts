import type { TriageSchemas } from '@skranke/web';

type Schemas = TriageSchemas['schemas'];
export type Site = Schemas['SiteSchema'];
export type SiteSettings = Schemas['SiteSettingsSchema'];
export type OpeningHours = Schemas['OpeningHoursSchema'];
export type Ordering = Schemas['OrderingSchema'];
export type Service = Schemas['ServiceSchema'];
export type Counter = Schemas['CounterSchema'];
export type StaffUser = Schemas['ListedUserSchema'];
export type Role = Schemas['SiteRoleSchema']['role'];
export type Device = Schemas['DeviceSchema'];
export type CounterKind = Counter['kind'];

export const COUNTER_KINDS: CounterKind[] = ['counter', 'desk', 'assisted-self-service'];
export const ROLES: Role[] = ['counter', 'floor', 'supervisor', 'admin', 'reports', 'integration'];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The answer of a typed call: the client throws an ApiError on any refusal, so an answer without data is a fault. */
export function answer<T>(reply: { data?: T }): T {
  if (reply.data === undefined) throw new Error('empty answer');
  return reply.data;
}

/** Problems found before sending, by field: the value is a text key of the page's language file. */
export type Problems = Partial<Record<string, string>>;
export const hasProblems = (p: Problems) => Object.values(p).some(Boolean);

/**
 * The rows of a list editor after its save: when all was saved, the server's
 * rows (and nothing else); after a refusal, the rows as the admin left them, so
 * nothing typed is lost, each with what the server now holds as its original
 * (so the next save sends only what is still different). New rows that were
 * created before the refusal come back as the server's rows.
 */
export function afterSave<R extends { key: string; original?: unknown }>(current: R[], fresh: R[], created: Set<string>, allSaved: boolean): R[] {
  if (allSaved) return [...fresh, ...current.filter((r) => !r.original && !created.has(r.key))];
  const kept = current.flatMap((r) => {
    if (!r.original) return created.has(r.key) ? [] : [r];
    const now = fresh.find((f) => f.key === r.key);
    return now ? [{ ...r, original: now.original }] : [];
  });
  return [...kept, ...fresh.filter((f) => !current.some((r) => r.key === f.key))];
}
