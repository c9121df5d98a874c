import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { EventSink, PendingEvent, SiteEvent } from './site-event';
import { publish } from './publish';

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
 * Runs `work` in one TypeORM transaction and appends its events to the site's
 * log with consecutive `seq`s. For the changes that are not hot (day close,
 * wait timers, re-prioritising, check-ins, replayed keys); the hot ones are
 * one call of a PostgreSQL function each (site-function.ts). The site's seq
 * row (`site_event_seq`) is locked only at the very end, so changes at one
 * site commit in seq order without holding the lock for the whole work.
 * After commit the events go to the sinks; a sink failure never undoes a
 * change (clients see the gap and sync from the log), and the answer does not
 * wait for them. `afterCommit`, if given, makes the answer from the committed value.
 */
export async function runSiteChange<T, U = T>(
  dataSource: DataSource,
  sinks: readonly EventSink[],
  siteId: string,
  actor: Actor,
  now: Date,
  work: (tx: EntityManager, change: SiteChange) => Promise<T>,
  afterCommit?: (value: T) => Promise<U>,
): Promise<U> {
  const change = new SiteChange(siteId, actor, now);
  let events: SiteEvent[];
  let result: T;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    result = await work(runner.manager, change);
    events = await appendEvents(runner, change);
    await runner.commitTransaction();
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  publish(sinks, events);
  return afterCommit ? afterCommit(result) : (result as unknown as U);
}

/**
 * Appends the change's events through `append_site_events` (see its
 * migrations), which takes the site's seq lock so seqs follow commit order,
 * and fills the waiting counts of `queue.changed` under that lock, where they
 * are exact even when another counter's change committed meanwhile.
 */
async function appendEvents(runner: QueryRunner, change: SiteChange): Promise<SiteEvent[]> {
  const e = change.pending;
  if (!e.length) return [];
  const [row]: { first_seq: number; waiting: Record<string, number> }[] = await runner.query(
    `SELECT first_seq, waiting FROM append_site_events($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      change.siteId,
      change.now,
      actorUserId(change.actor),
      actorDeviceId(change.actor),
      e.map((x) => x.type),
      e.map((x) => x.ticketId),
      e.map((x) => x.counterId),
      e.map((x) => JSON.stringify(x.payload)),
    ],
  );
  const at = change.now.toISOString();
  return e.map((x, i) => {
    if (x.type === 'queue.changed') {
      for (const s of (x.payload.services ?? []) as { serviceId: string; waiting: number }[]) s.waiting = row.waiting[s.serviceId] ?? 0;
    }
    return { ...x, seq: row.first_seq + i, siteId: change.siteId, at };
  });
}
