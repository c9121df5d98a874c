import { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import { takePendingBegin } from './lazy-begin';

/** A value as an SQL literal of `type` (`uuid`, `text[]`, `jsonb[]` …), for statements sent without parameters. */
export function sqlLiteral(value: unknown, type: string): string {
  if (value === null || value === undefined) return `NULL::${type}`;
  if (Array.isArray(value)) {
    const element = type.replace(/\[\]$/, '');
    return `ARRAY[${value.map((v) => sqlLiteral(v, element)).join(', ')}]::${type}`;
  }
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  return `${escapeLiteral(text)}::${type}`;
}

type Row = Record<string, unknown>;

/**
 * Ends a transaction in one simple query: `before` (writes held back to travel
 * with the commit), `text`, COMMIT, then `after` (reads that want the committed
 * state, each in its own implicit transaction). One round trip where each
 * would take its own. Everything carries its values as literals (`sqlLiteral`,
 * `executeStatement`): parameters exist only in the extended protocol, which
 * takes one statement at a time. On an error before the COMMIT PostgreSQL
 * skips the rest and the transaction is still open: the caller rolls back as
 * usual. Returns the rows of `text` and of each `after`.
 */
export async function commitBatch(runner: QueryRunner, batch: { before?: readonly string[]; text?: string; after?: readonly string[] }): Promise<{ rows: Row[]; after: Row[][] }> {
  const client = (await runner.connect()) as PoolClient;
  const head = [...(takePendingBegin(runner) ? ['BEGIN'] : []), ...(batch.before ?? []), ...(batch.text ? [batch.text] : [])];
  const statements = [...head, 'COMMIT', ...(batch.after ?? [])];
  const sent = await client.query(statements.join('; '));
  const results = (statements.length > 1 ? sent : [sent]) as unknown as { rows: Row[] }[];
  // TypeORM did not send this COMMIT: tell the runner its transaction has ended.
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
  return { rows: batch.text ? results[head.length - 1].rows : [], after: results.slice(head.length + 1).map((r) => r.rows) };
}

/** `text` and COMMIT in one round trip, after the writes in `before` (see `commitBatch`); the rows of `text`. */
export async function queryAndCommit<T>(runner: QueryRunner, text: string, before: readonly string[] = []): Promise<T[]> {
  return (await commitBatch(runner, { before, text })).rows as T[];
}
