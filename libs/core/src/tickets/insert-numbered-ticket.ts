import { EntityManager } from 'typeorm';
import { ruleBroken } from '@skranke/domain';
import { Service, Ticket, columnList, hydrate, preparedQuery } from '@skranke/persistence';

/**
 * Takes the service's next number of the day and inserts the ticket with it in
 * one statement, so the number's row lock (which keeps numbers gapless) is held
 * only for what is left of the transaction. The number is formatted as the
 * domain's `formatTicketNumber` does: prefix plus three digits, four past 999.
 * With an Idempotency-Key the key's row learns the ticket in the same statement.
 * A service at its daily cap inserts nothing: a 422 daily_cap_reached.
 */
export async function insertNumberedTicket(
  tx: EntityManager,
  ticket: Ticket,
  service: Service,
  idempotency: { scope: string; key: string } | null,
): Promise<Ticket> {
  const meta = tx.connection.getMetadata(Ticket);
  const driver = tx.connection.driver;
  const columns = meta.columns.filter((c) => !['sequence', 'number'].includes(c.propertyName) && c.getEntityValue(ticket) !== undefined);
  const values: unknown[] = [ticket.siteId, ticket.serviceId, ticket.businessDate, service.dailyCap, service.prefix, idempotency?.scope ?? null, idempotency?.key ?? null];
  const placeholders = columns.map((c) => {
    values.push(driver.preparePersistentValue(c.getEntityValue(ticket), c));
    return `$${values.length}::${c.isArray ? `${c.type}[]` : c.type}`;
  });
  const rows = await preparedQuery(
    tx,
    `WITH seq AS (
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
       FROM seq
       RETURNING ${columnList(tx, Ticket, 'ticket')}
     ),
     remembered AS (
       UPDATE idempotency_key SET ticket_id = t.id FROM t WHERE $6::text IS NOT NULL AND scope = $6 AND key = $7
     )
     SELECT * FROM t`,
    values,
  );
  if (!rows.length) throw ruleBroken('daily_cap_reached', `All ${service.dailyCap} tickets for this service have been issued today.`);
  return hydrate(tx, Ticket, rows[0]);
}
