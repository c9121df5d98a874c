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

/**
 * Runs `text` and COMMIT as one simple query: one round trip instead of two at
 * the end of every ticket change. `before` are statements to run first in the
 * same query (writes held back to travel with it). Everything carries its
 * values as literals (`sqlLiteral`); parameters exist only in the extended
 * protocol, which takes one statement at a time. On an error PostgreSQL skips
 * the rest and the COMMIT, and the transaction is still open: the caller rolls
 * back as usual. Returns the rows of `text`.
 */
export async function queryAndCommit<T>(runner: QueryRunner, text: string, before: readonly string[] = []): Promise<T[]> {
  const rows = await statementsAndCommit(runner, [...before, text]);
  return rows[rows.length - 1] as T[];
}

/** As `queryAndCommit`, with the rows of every statement, in order. */
export async function statementsAndCommit(runner: QueryRunner, statements: readonly string[]): Promise<unknown[][]> {
  const client = (await runner.connect()) as PoolClient;
  const begin = takePendingBegin(runner) ? ['BEGIN'] : [];
  const all = [...begin, ...statements, 'COMMIT'];
  const results = (await client.query(all.join('; '))) as unknown as { rows: unknown[] }[];
  // TypeORM did not send this COMMIT: tell the runner its transaction has ended.
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
  return results.slice(begin.length, begin.length + statements.length).map((r) => r.rows);
}
