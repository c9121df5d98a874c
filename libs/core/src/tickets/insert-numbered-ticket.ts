import { EntityManager } from 'typeorm';
import { DomainError, ruleBroken } from '@skranke/domain';
import { Service, Ticket, columnList, hydrate, preparedQuery } from '@skranke/persistence';

type Idempotency = { scope: string; key: string } | null;

/**
 * The statement that takes the service's next number of the day and inserts the
 * ticket with it, so the number's row lock (which keeps numbers gapless) is held
 * only for what is left of the transaction. The number is formatted as the
 * domain's `formatTicketNumber` does: prefix plus three digits, four past 999.
 * With an Idempotency-Key the key's row learns the ticket in the same statement.
 * A service at its daily cap takes no number, and the insert fails on the
 * missing one (see `dailyCapReached`): an error, so nothing sent with it commits.
 */
function numberedInsert(tx: EntityManager, ticket: Ticket, service: Service, idempotency: Idempotency): { text: string; values: unknown[] } {
  const meta = tx.connection.getMetadata(Ticket);
  const driver = tx.connection.driver;
  const columns = meta.columns.filter((c) => !['sequence', 'number'].includes(c.propertyName) && c.getEntityValue(ticket) !== undefined);
  const values: unknown[] = [ticket.siteId, ticket.serviceId, ticket.businessDate, service.dailyCap, service.prefix, idempotency?.scope ?? null, idempotency?.key ?? null];
  const placeholders = columns.map((c) => {
    values.push(driver.preparePersistentValue(c.getEntityValue(ticket), c));
    return `$${values.length}::${c.isArray ? `${c.type}[]` : c.type}`;
  });
  const text = `WITH seq AS (
       INSERT INTO number_sequence (site_id, service_id, business_date, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (site_id, service_id, business_date)
       DO UPDATE SET last_number = number_sequence.last_number + 1
       WHERE $4::int IS NULL OR number_sequence.last_number < $4
       RETURNING last_number
     ),
     t AS (
       INSERT INTO ticket (${columns.map((c) => `"${c.databaseName}"`).join(', ')}, "sequence", "number")
       SELECT ${placeholders.join(', ')}, seq.last_number,
              $5::text || CASE WHEN seq.last_number > 999 THEN seq.last_number::text ELSE lpad(seq.last_number::text, 3, '0') END
       FROM (SELECT) one LEFT JOIN seq ON true
       RETURNING ${columnList(tx, Ticket, 'ticket')}
     ),
     remembered AS (
       UPDATE idempotency_key SET ticket_id = t.id FROM t WHERE $6::text IS NOT NULL AND scope = $6 AND key = $7
     )
     SELECT * FROM t`;
  return { text, values };
}

/** Numbers and inserts the ticket; returned as stored. */
export async function insertNumberedTicket(tx: EntityManager, ticket: Ticket, service: Service, idempotency: Idempotency): Promise<Ticket> {
  const { text, values } = numberedInsert(tx, ticket, service, idempotency);
  const [row] = await preparedQuery(tx, text, values);
  return hydrate(tx, Ticket, row);
}

/** The refusal for an insert that found its service at the daily cap, or null for any other error. */
export function dailyCapReached(e: unknown): DomainError | null {
  const pg = e as { code?: string; table?: string; column?: string };
  if (pg?.code !== '23502' || pg.table !== 'ticket' || (pg.column !== 'sequence' && pg.column !== 'number')) return null;
  return ruleBroken('daily_cap_reached', 'All of today’s tickets for this service have been issued.');
}
