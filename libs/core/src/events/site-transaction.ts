import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { beginWithFirstStatement, statementsAndCommit, sqlLiteral } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { EventSink, PendingEvent, SiteEvent } from './site-event';

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
  const change = new SiteChange(siteId, actor, now);
  let events: SiteEvent[] = [];
  let result: T;
  const runner = dataSource.createQueryRunner();
  try {
    await beginWithFirstStatement(runner);
    result = await work(runner.manager, change);
    events = await appendEventsAndCommit(runner, change);
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  if (events.length) track(Promise.all(sinks.map((s) => s.handle(events).catch(() => undefined))));
  return afterCommit ? afterCommit(result) : (result as unknown as U);
}

/**
 * Sink work still running. The answer does not wait for it (scheduling a
 * ticket's wait timers is no business of the kiosk's); a graceful shutdown
 * does, through `settleSinks`, before the queues and connections close.
 */
const sinking = new Set<Promise<unknown>>();

function track(p: Promise<unknown>): void {
  sinking.add(p);
  void p.finally(() => sinking.delete(p));
}

export async function settleSinks(): Promise<void> {
  while (sinking.size) await Promise.all([...sinking]);
}

/**
 * Appends the change's events and commits, in one round trip: the
 * `append_site_events` function (see its migrations) takes the site's seq lock so
 * seqs follow commit order, and fills the waiting counts of `queue.changed`
 * under that lock, where they are exact even when another counter's change
 * committed meanwhile.
 */
async function appendEventsAndCommit(runner: QueryRunner, change: SiteChange): Promise<SiteEvent[]> {
  const e = change.pending;
  const numbering = change.numbering;
  const reads = change.readsWithCommit;
  const before = [...(numbering ? [numbering.statement] : []), ...change.writesWithCommit, ...reads.map((r) => r.sql)];
  if (numbering && !e.length) throw new Error('numberWithCommit: a new ticket comes with its events');
  if (!e.length) {
    if (before.length) keepReads(reads, await statementsAndCommit(runner, before));
    else await runner.commitTransaction();
    return [];
  }
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
  // The numbered ticket (`n`), inserted by the statement before this one, lends its number to the payloads.
  const numbered = numbering ? `(SELECT number, sequence FROM ticket WHERE id = ${sqlLiteral(numbering.ticket.id, 'uuid')}) n, ` : '';
  const results = await statementsAndCommit(runner, [
    ...before,
    `SELECT a.first_seq, a.waiting${numbering ? ', n.number, n.sequence' : ''} FROM ${numbered}append_site_events(${args.join(', ')}) a`,
  ]);
  keepReads(reads, results.slice(0, -1));
  const [row] = results[results.length - 1] as { first_seq: number; waiting: Record<string, number>; number?: string; sequence?: number }[];
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

/** Hands each read its rows: the reads are the last statements of `before`, whose results these are. */
function keepReads(reads: ReadWithCommit[], beforeResults: unknown[][]): void {
  const first = beforeResults.length - reads.length;
  reads.forEach((r, i) => (r.rows = beforeResults[first + i]));
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
