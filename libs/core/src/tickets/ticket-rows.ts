import { EntityManager } from 'typeorm';
import { notFound } from '@skranke/domain';
import { Counter, Ticket, columnList, hydrate, preparedQuery } from '@skranke/persistence';

let lockTicketSql: string | undefined;

/** Loads a ticket and locks its row for the rest of the transaction (re-prioritising starts here). */
export async function lockTicket(tx: EntityManager, ticketId: string): Promise<Ticket> {
  lockTicketSql ??= `SELECT ${columnList(tx, Ticket, 't')} FROM ticket t WHERE t.id = $1 FOR UPDATE`;
  const [row] = await preparedQuery(tx, lockTicketSql, [ticketId]);
  if (!row) throw notFound('ticket_not_found', 'No ticket with that id.');
  return hydrate(tx, Ticket, row);
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
