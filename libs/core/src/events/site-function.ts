import { DataSource } from 'typeorm';
import { DomainError, DomainErrorKind } from '@skranke/domain';
import { preparedQuery } from '@skranke/persistence';
import { EventSink, SiteEvent } from './site-event';
import { publish } from './publish';

/** An event as a change function returns it: as appended to the site's log. */
export type StoredEvent = { seq: number; type: SiteEvent['type']; ticketId: string | null; counterId: string | null; payload: Record<string, unknown> };

/**
 * Runs one hot site change: a call of its PostgreSQL function (migration
 * 1795541000000) as one named prepared statement. A statement outside a
 * transaction is its own transaction, so the change costs one round trip and
 * is atomic. Refusals come back as the DomainErrors the function named.
 */
export async function callChangeFunction<R extends Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<R[]> {
  try {
    return await preparedQuery<R>(dataSource.manager, text, values);
  } catch (e) {
    throw refusal(e) ?? e;
  }
}

/** The DomainError a change function raised (SQLSTATE SK001, `kind:code` as hint), or null for any other error. */
export function refusal(e: unknown): DomainError | null {
  const pg = e as { code?: string; hint?: string; message?: string; detail?: string };
  if (pg?.code !== 'SK001' || !pg.hint) return null;
  const [kind, code] = pg.hint.split(':');
  return new DomainError(kind as DomainErrorKind, code, pg.message ?? code, undefined, refusalDetails(pg.detail));
}

/** A refusal's parameters, as JSON in DETAIL (e.g. the counter hold guard's `{userName, counterName}`). */
function refusalDetails(detail: string | undefined): Record<string, string | number> | undefined {
  if (!detail?.startsWith('{')) return undefined;
  try {
    return JSON.parse(detail);
  } catch {
    return undefined;
  }
}

/**
 * Sends a committed change's events to the sinks: the payloads as stored,
 * with the staff payload `staff` adds (never written to the log), at the
 * time of the change (`now`, or per event for a batch of changes).
 */
export function publishStored(
  sinks: readonly EventSink[],
  siteId: string,
  now: Date | ((e: StoredEvent) => Date),
  stored: StoredEvent[] | null,
  staff: (e: StoredEvent) => Record<string, unknown> | undefined,
): void {
  const at = (e: StoredEvent) => (typeof now === 'function' ? now(e) : now).toISOString();
  publish(
    sinks,
    (stored ?? []).map((e) => {
      const event: SiteEvent = { type: e.type, seq: e.seq, siteId, at: at(e), ticketId: e.ticketId, counterId: e.counterId, payload: e.payload };
      const staffPayload = staff(e);
      return staffPayload ? { ...event, staffPayload } : event;
    }),
  );
}
