import { DataSource, EntityManager } from 'typeorm';
import { businessDate } from '@skranke/domain';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { waitingCounts } from '../tickets/ticket-rows';
import { EventSink, PendingEvent, SiteEvent } from './site-event';

export class SiteChange {
  readonly pending: PendingEvent[] = [];
  constructor(
    readonly siteId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {}

  add(event: PendingEvent): void {
    this.pending.push(event);
  }
}

/**
 * Runs `work` in one transaction and appends its events to the site's log with
 * consecutive `seq`s. The site row is locked only at the very end, so changes at
 * one site commit in seq order without holding the lock for the whole work.
 * After commit the events go to the sinks; a sink failure never undoes a change
 * (clients see the gap and sync from the log).
 */
export async function runSiteChange<T>(
  dataSource: DataSource,
  sinks: readonly EventSink[],
  siteId: string,
  actor: Actor,
  now: Date,
  work: (tx: EntityManager, change: SiteChange) => Promise<T>,
): Promise<T> {
  const change = new SiteChange(siteId, actor, now);
  let events: SiteEvent[] = [];
  const result = await dataSource.transaction(async (tx) => {
    const value = await work(tx, change);
    events = await appendEvents(tx, change);
    return value;
  });
  if (events.length) await Promise.all(sinks.map((s) => s.handle(events).catch(() => undefined)));
  return result;
}

async function appendEvents(tx: EntityManager, change: SiteChange): Promise<SiteEvent[]> {
  const n = change.pending.length;
  if (!n) return [];
  // TypeORM returns UPDATE … RETURNING as [rows, affected].
  const [[row]] = await tx.query('UPDATE site SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq, timezone', [change.siteId, n]);
  const first = Number(row.event_seq) - n + 1;
  await recountWaiting(tx, change, row.timezone);
  const at = change.now.toISOString();
  const events = change.pending.map((e, i) => ({ ...e, seq: first + i, siteId: change.siteId, at }));
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(e.siteId, e.seq, e.type, e.ticketId, e.counterId, actorUserId(change.actor), actorDeviceId(change.actor), at, e.payload);
    const b = i * 9;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
  });
  await tx.query(
    `INSERT INTO ticket_event (site_id, seq, type, ticket_id, counter_id, actor_user_id, actor_device_id, at, payload) VALUES ${rows.join(', ')}`,
    values,
  );
  return events;
}

/**
 * Waiting counts in `queue.changed` were read before the site lock, so a change
 * that committed in between (a concurrent call at another counter) is missing
 * from them. Now that the lock orders this change after every earlier seq,
 * count again, so the last `queue.changed` a display applies is the truth.
 */
async function recountWaiting(tx: EntityManager, change: SiteChange, timezone: string): Promise<void> {
  const queues = change.pending.filter((e) => e.type === 'queue.changed');
  if (!queues.length) return;
  const counts = await waitingCounts(tx, change.siteId, businessDate(change.now, timezone));
  for (const e of queues) {
    for (const s of (e.payload.services ?? []) as { serviceId: string; waiting: number }[]) s.waiting = counts.get(s.serviceId) ?? 0;
  }
}
