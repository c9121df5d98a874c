import { EntityManager } from 'typeorm';
import { notFound } from '@skranke/domain';
import { activeService } from '../state/cached-rows';
import { Counter, Service, Site, Ticket, columnList, hydrate, preparedQuery, sqlLiteral } from '@skranke/persistence';

let lockTicketSql: string | undefined;

/** Loads a ticket and locks its row for the rest of the transaction (a prepared statement: every ticket action starts here). */
export async function lockTicket(tx: EntityManager, ticketId: string): Promise<Ticket> {
  lockTicketSql ??= `SELECT ${columnList(tx, Ticket, 't')} FROM ticket t WHERE t.id = $1 FOR UPDATE`;
  const [row] = await preparedQuery(tx, lockTicketSql, [ticketId]);
  if (!row) throw notFound('ticket_not_found', 'No ticket with that id.');
  return hydrate(tx, Ticket, row);
}

export async function lockCounter(tx: EntityManager, counterId: string): Promise<Counter> {
  const counter = await tx.getRepository(Counter).findOne({ where: { id: counterId }, lock: { mode: 'pessimistic_write' } });
  if (!counter || !counter.active) throw notFound('counter_not_found', 'No counter with that id.');
  return counter;
}

export async function loadSite(tx: EntityManager, siteId: string): Promise<Site> {
  const site = await tx.getRepository(Site).findOneBy({ id: siteId });
  if (!site) throw notFound('site_not_found', 'No site with that id.');
  return site;
}

export async function loadService(tx: EntityManager, siteId: string, serviceId: string): Promise<Service> {
  const service = await activeService(tx, siteId, serviceId);
  if (!service) throw notFound('service_not_found', 'No active service with that id at this site.');
  return service;
}

/** The UPDATE writing the fields a ticket action may change, with literal values: it travels with the commit (`writeWithCommit`). */
export function ticketChangesSql(t: Ticket): string {
  const set: [string, unknown, string][] = [
    ['status', t.status, 'text'],
    ['service_id', t.serviceId, 'uuid'],
    ['ordered_at', t.orderedAt, 'timestamptz'],
    ['called_at', t.calledAt, 'timestamptz'],
    ['started_at', t.startedAt, 'timestamptz'],
    ['ended_at', t.endedAt, 'timestamptz'],
    ['end_reason', t.endReason, 'text'],
    ['counter_id', t.counterId, 'uuid'],
    ['seat', t.seat, 'int'],
    ['recall_count', t.recallCount, 'int'],
    ['transfer_count', t.transferCount, 'int'],
    ['outcome', t.outcome, 'text'],
    ['help_mode', t.helpMode, 'text'],
  ];
  return `UPDATE ticket SET ${set.map(([column, value, type]) => `${column} = ${sqlLiteral(value, type)}`).join(', ')} WHERE id = ${sqlLiteral(t.id, 'uuid')}`;
}

const NAME_FRESH_MS = 5_000;
const counterNames = new Map<string, { at: number; name: string | null }>();

/** Counter names for event payloads; renaming a counter shows within seconds. */
export async function counterName(tx: EntityManager, counterId: string | null): Promise<string | null> {
  if (!counterId) return null;
  const hit = counterNames.get(counterId);
  if (hit && Date.now() - hit.at < NAME_FRESH_MS) return hit.name;
  const c = await tx.getRepository(Counter).findOneBy({ id: counterId });
  if (counterNames.size > 10_000) counterNames.clear();
  counterNames.set(counterId, { at: Date.now(), name: c?.name ?? null });
  return c?.name ?? null;
}

/** Waiting tickets per service of a site's day, for `queue.changed` and the display. */
export async function waitingCounts(tx: EntityManager, siteId: string, businessDate: string): Promise<Map<string, number>> {
  const rows: { service_id: string; n: string }[] = await tx.query(
    `SELECT service_id, count(*) AS n FROM ticket WHERE site_id = $1 AND business_date = $2 AND status = 'waiting' GROUP BY service_id`,
    [siteId, businessDate],
  );
  return new Map(rows.map((r) => [r.service_id, Number(r.n)]));
}
