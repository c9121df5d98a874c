import { EntityManager } from 'typeorm';
import { notFound } from '@skranke/domain';
import { Counter, Service, Site, Ticket, columnList, hydrate, preparedQuery } from '@skranke/persistence';

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
  const service = await tx.getRepository(Service).findOneBy({ id: serviceId, siteId });
  if (!service || !service.active) throw notFound('service_not_found', 'No active service with that id at this site.');
  return service;
}

/** Writes the fields a ticket action may change (one prepared UPDATE; `save` would SELECT the row again first). */
export async function saveTicketChanges(tx: EntityManager, t: Ticket): Promise<void> {
  await preparedQuery(
    tx,
    `UPDATE ticket SET status = $2, service_id = $3, ordered_at = $4, called_at = $5, started_at = $6, ended_at = $7, end_reason = $8,
       counter_id = $9, seat = $10, recall_count = $11, transfer_count = $12, outcome = $13, help_mode = $14
     WHERE id = $1`,
    [t.id, t.status, t.serviceId, t.orderedAt, t.calledAt, t.startedAt, t.endedAt, t.endReason, t.counterId, t.seat, t.recallCount, t.transferCount, t.outcome, t.helpMode],
  );
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
