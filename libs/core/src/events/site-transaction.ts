import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { beginWithFirstStatement, statementsAndCommit, sqlLiteral } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { EventSink, PendingEvent, SiteEvent } from './site-event';
import { publish } from './publish';

export class SiteChange {
  readonly pending: PendingEvent[] = [];
  /** Writes (SQL with literal values) sent in the commit's round trip, ahead of the events. */
  readonly writesWithCommit: string[] = [];
  /** A ticket inserted with its number in the commit's round trip (`numberWithCommit`). */
  numbering: { ticket: NumberedTicket; statement: string } | null = null;
  /** Reads sent in the commit's round trip (`readWithCommit`). */
  readonly readsWithCommit: ReadWithCommit[] = [];
  constructor(
    readonly siteId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {}

  add(event: PendingEvent): void {
    this.pending.push(event);
  }

  /**
   * Holds a write nothing in this transaction reads back until the commit,
   * which sends it: a round trip less. Its errors surface from the commit.
   */
  writeWithCommit(sql: string): void {
    this.writesWithCommit.push(sql);
  }

  /**
   * Sends `statement`, which inserts `ticket` with the next number of its
   * service, first in the commit's round trip: the number's row lock is then
   * held only while PostgreSQL finishes the transaction, never while a round
   * trip is under way. This change's events of that ticket whose payload has a
   * `number` get it there, and `ticket` gets its number and sequence after commit.
   */
  numberWithCommit(ticket: NumberedTicket, statement: string): void {
    this.numbering = { ticket, statement };
  }

  /**
   * Runs a read (SQL with literal values) in the commit's round trip, after
   * this change's writes and before its events take the site's seq lock: a
   * round trip less for an answer that needs the changed rows. Its rows are in
   * the returned holder once the change has committed.
   */
  readWithCommit<R>(sql: string): ReadWithCommit<R> {
    const read: ReadWithCommit<R> = { sql };
    this.readsWithCommit.push(read);
    return read;
  }
}

type NumberedTicket = { id: string; number: string; sequence: number };
export type ReadWithCommit<R = unknown> = { sql: string; rows?: R[] };

/**
 * Runs `work` in one transaction and appends its events to the site's log with
 * consecutive `seq`s. The site's seq row (`site_event_seq`) is locked only at the
 * very end, so changes at one site commit in seq order without holding the lock for the whole work.
 * After commit the events go to the sinks; a sink failure never undoes a change
 * (clients see the gap and sync from the log), and the answer does not wait
 * for them. `afterCommit`, if given, makes the answer from the committed value.
 * The BEGIN rides on the first statement (`beginWithFirstStatement`).
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
  const result = await runSiteChanges(dataSource, sinks, siteId, [{ actor, now }], (tx, [change]) => work(tx, change));
  return afterCommit ? afterCommit(result) : (result as unknown as U);
}

/**
 * As `runSiteChange`, for several changes at one site made in one transaction
 * (tickets issued together, see `SiteBatches`): each part keeps its own actor
 * and time and gets its own run of seqs, in the order of `parts`; all commit
 * in one round trip or none does.
 */
export async function runSiteChanges<T>(
  dataSource: DataSource,
  sinks: readonly EventSink[],
  siteId: string,
  parts: readonly { actor: Actor; now: Date }[],
  work: (tx: EntityManager, changes: SiteChange[]) => Promise<T>,
): Promise<T> {
  const changes = parts.map((p) => new SiteChange(siteId, p.actor, p.now));
  let events: SiteEvent[];
  let result: T;
  const runner = dataSource.createQueryRunner();
  try {
    await beginWithFirstStatement(runner);
    result = await work(runner.manager, changes);
    events = await appendEventsAndCommit(runner, changes);
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  publish(sinks, events);
  return result;
}

/**
 * Appends the changes' events and commits, in one round trip: the
 * `append_site_events` function (see its migrations) takes the site's seq lock so
 * seqs follow commit order, and fills the waiting counts of `queue.changed`
 * under that lock, where they are exact even when another counter's change
 * committed meanwhile. Every change's numbering, writes and reads go first (in
 * that order, so each read sees all the new tickets), then one call per change with events.
 */
async function appendEventsAndCommit(runner: QueryRunner, changes: readonly SiteChange[]): Promise<SiteEvent[]> {
  for (const c of changes) {
    if (c.numbering && !c.pending.length) throw new Error('numberWithCommit: a new ticket comes with its events');
  }
  const reads = changes.flatMap((c) => c.readsWithCommit);
  const before = [
    ...changes.flatMap((c) => (c.numbering ? [c.numbering.statement] : [])),
    ...changes.flatMap((c) => c.writesWithCommit),
    ...reads.map((r) => r.sql),
  ];
  const appending = changes.filter((c) => c.pending.length);
  if (!appending.length && !before.length) {
    await runner.commitTransaction();
    return [];
  }
  const results = await statementsAndCommit(runner, [...before, ...appending.map(appendStatement)]);
  keepReads(reads, results, before.length);
  return appending.flatMap((c, i) => appended(c, results[before.length + i] as AppendedRow[]));
}

type AppendedRow = { first_seq: number; waiting: Record<string, number>; number?: string; sequence?: number };

/** The `append_site_events` call for one change's events (with its numbered ticket as `n`, whose number the payloads take). */
function appendStatement(change: SiteChange): string {
  const e = change.pending;
  const numbering = change.numbering;
  const args = [
    sqlLiteral(change.siteId, 'uuid'),
    sqlLiteral(change.now, 'timestamptz'),
    sqlLiteral(actorUserId(change.actor), 'uuid'),
    sqlLiteral(actorDeviceId(change.actor), 'uuid'),
    sqlLiteral(e.map((x) => x.type), 'text[]'),
    sqlLiteral(e.map((x) => x.ticketId), 'uuid[]'),
    sqlLiteral(e.map((x) => x.counterId), 'uuid[]'),
    `ARRAY[${e.map((x) => payloadLiteral(x, numbering?.ticket)).join(', ')}]::jsonb[]`,
  ];
  const numbered = numbering ? `(SELECT number, sequence FROM ticket WHERE id = ${sqlLiteral(numbering.ticket.id, 'uuid')}) n, ` : '';
  return `SELECT a.first_seq, a.waiting${numbering ? ', n.number, n.sequence' : ''} FROM ${numbered}append_site_events(${args.join(', ')}) a`;
}

/** The change's events as committed: seqs from the first, the numbered ticket's number, exact waiting counts. */
function appended(change: SiteChange, [row]: AppendedRow[]): SiteEvent[] {
  const e = change.pending;
  const numbering = change.numbering;
  if (numbering) {
    const { number, sequence } = row as { number: string; sequence: number };
    Object.assign(numbering.ticket, { number, sequence });
    for (const x of e.filter((x) => takesNumber(x, numbering.ticket))) {
      x.payload.number = number;
      if (x.staffPayload && 'number' in x.staffPayload) x.staffPayload.number = number;
    }
  }
  const at = change.now.toISOString();
  return e.map((x, i) => {
    if (x.type === 'queue.changed') {
      for (const s of (x.payload.services ?? []) as { serviceId: string; waiting: number }[]) s.waiting = row.waiting[s.serviceId] ?? 0;
    }
    return { ...x, seq: row.first_seq + i, siteId: change.siteId, at };
  });
}

/** Hands each read its rows: the reads are the last of the `before` statements, whose results come first. */
function keepReads(reads: ReadWithCommit[], results: unknown[][], beforeCount: number): void {
  const first = beforeCount - reads.length;
  reads.forEach((r, i) => (r.rows = results[first + i]));
}

/** An event of the ticket numbered in the commit, carrying its number. */
function takesNumber(event: PendingEvent, ticket: NumberedTicket | undefined): boolean {
  return !!ticket && event.ticketId === ticket.id && 'number' in event.payload;
}

/** An event's payload as a jsonb literal, with the number of a ticket numbered in the commit set from `n`. */
function payloadLiteral(event: PendingEvent, numbered: NumberedTicket | undefined): string {
  const literal = sqlLiteral(JSON.stringify(event.payload), 'jsonb');
  return takesNumber(event, numbered) ? `jsonb_set(${literal}, '{number}', to_jsonb(n.number))` : literal;
}
