import { createHash } from 'node:crypto';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PoolClient, QueryResultRow } from 'pg';

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
  const own = db.queryRunner ? undefined : db.connection.createQueryRunner();
  const runner = db.queryRunner ?? own!;
  try {
    // The driver's connection, as QueryRunner.connect() hands it out: a pg PoolClient, whose query takes a statement name.
    const client = (await runner.connect()) as PoolClient;
    const res = await client.query<T & QueryResultRow>({ name: statementName(text), text, values });
    return res.rows;
  } finally {
    await own?.release();
  }
}

/** `alias.column, …` for every column of an entity: an explicit result list for `preparedQuery`. */
export function columnList<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, alias: string): string {
  return db.connection
    .getMetadata(target)
    .columns.map((c) => `${alias}."${c.databaseName}"`)
    .join(', ');
}
