import { EntityManager } from 'typeorm';
import { conflict } from '@skranke/domain';
import { Ticket, preparedQuery } from '@skranke/persistence';

/**
 * Claims an Idempotency-Key for this transaction, or returns the ticket an
 * earlier request with the same key made. A concurrent request with the same
 * key blocks on the key's row until the first commits, so only one ticket is
 * ever created. Keys older than 24 hours are reclaimed.
 */
export async function claimIdempotencyKey(tx: EntityManager, scope: string, key: string, now: Date): Promise<Ticket | null> {
  const claimed = await preparedQuery(
    tx,
    `INSERT INTO idempotency_key (scope, key, ticket_id, created_at) VALUES ($1, $2, NULL, $3)
     ON CONFLICT (scope, key) DO UPDATE SET ticket_id = NULL, created_at = $3
     WHERE idempotency_key.created_at < $3::timestamptz - interval '24 hours'
     RETURNING key`,
    [scope, key, now],
  );
  if (claimed.length) return null;
  const [row] = await tx.query('SELECT ticket_id FROM idempotency_key WHERE scope = $1 AND key = $2', [scope, key]);
  const ticket = row?.ticket_id ? await tx.getRepository(Ticket).findOneBy({ id: row.ticket_id }) : null;
  if (!ticket) throw conflict('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed.');
  return ticket;
}

/** True for a failure to claim a key that exists (in `skranke_issue_tickets`): claim it with `claimIdempotencyKey`. */
export function idempotencyKeyTaken(e: unknown): boolean {
  const pg = e as { code?: string; table?: string };
  return pg?.code === '23505' && pg.table === 'idempotency_key';
}
