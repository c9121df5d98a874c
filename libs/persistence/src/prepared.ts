import { createHash } from 'node:crypto';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PoolClient } from 'pg';
import { executeStatement, takePendingBegin } from './lazy-begin';

/**
 * Runs a hot statement as a named prepared statement, on the caller's
 * transaction when there is one: PostgreSQL parses and plans it once per
 * connection instead of on every call (for the call-next claim that is half
 * its cost). The name comes from the text, so two texts never share a name.
 * Result columns must be listed, never `*`: a prepared statement whose
 * result type changes (a column added by a migration while the app runs)
 * fails until the connection is replaced.
 */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `skranke_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return name;
}

export async function preparedQuery<T = Record<string, unknown>>(db: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const name = statementName(text);
  const own = db.queryRunner ? undefined : db.connection.createQueryRunner();
  const runner = db.queryRunner ?? own!;
  try {
    const client = (await runner.connect()) as PoolClient;
    if (takePendingBegin(own ? undefined : runner)) {
      // The transaction's first statement: its BEGIN goes along, in one round trip when the statement is known here.
      const execute = executeStatement(client, name, text, values);
      if (execute) return ((await client.query(`BEGIN; ${execute}`)) as unknown as { rows: T[] }[])[1].rows;
      await client.query('BEGIN');
    }
    const res = await client.query({ name, text, values });
    return res.rows as T[];
  } finally {
    await own?.release();
  }
}

/**
 * `EXECUTE name(literals)` for a statement that the transaction's connection
 * has prepared through `preparedQuery`, to send along with other statements
 * (`queryAndCommit`); null when it has not, or a value has no plain literal.
 */
export async function preparedExecute(tx: EntityManager, text: string, values: unknown[]): Promise<string | null> {
  if (!tx.queryRunner) throw new Error('preparedExecute: only within a transaction');
  const client = (await tx.queryRunner.connect()) as PoolClient;
  return executeStatement(client, statementName(text), text, values);
}

/** `alias.column, …` for every column of an entity: an explicit result list for `preparedQuery`. */
export function columnList<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, alias: string): string {
  return db.connection
    .getMetadata(target)
    .columns.map((c) => `${alias}."${c.databaseName}"`)
    .join(', ');
}
