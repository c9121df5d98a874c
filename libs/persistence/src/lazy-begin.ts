import pg, { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';

const PENDING = Symbol('skranke.beginPending');
/** pg's own serialiser of parameter values (exported at run time, not in its types). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;
type LazyRunner = { [PENDING]?: boolean; isTransactionActive: boolean; transactionDepth: number };

/**
 * Opens a transaction whose BEGIN travels with its first statement instead of
 * on a round trip of its own. The runner counts as in a transaction at once,
 * so commit and rollback work as usual. A prepared statement the connection
 * already knows goes as `BEGIN; EXECUTE …` (see `preparedQuery`); any other
 * first statement, and `queryAndCommit`, send the BEGIN ahead of it. A commit
 * or rollback before anything was sent has nothing to end and sends nothing.
 */
export async function beginWithFirstStatement(runner: QueryRunner): Promise<void> {
  await runner.connect();
  const lazy = runner as unknown as LazyRunner;
  lazy.isTransactionActive = true;
  lazy.transactionDepth = 1;
  lazy[PENDING] = true;
  const query = runner.query.bind(runner);
  runner.query = (async (text: string, ...rest: unknown[]) => {
    if (lazy[PENDING]) {
      lazy[PENDING] = false;
      // Nothing was sent yet: nothing to end.
      if (text === 'ROLLBACK' || text === 'COMMIT') return undefined;
      await query('BEGIN');
    }
    return (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest);
  }) as QueryRunner['query'];
}

/** True (once) when the runner's BEGIN has not been sent yet: the caller sends it with its statement. */
export function takePendingBegin(runner: QueryRunner | undefined): boolean {
  const lazy = runner as unknown as LazyRunner | undefined;
  if (!lazy?.[PENDING]) return false;
  lazy[PENDING] = false;
  return true;
}

/** `EXECUTE name(…)` for a statement this connection has prepared, or null when it has not or a value has no plain literal. */
export function executeStatement(client: PoolClient, name: string, text: string, values: unknown[]): string | null {
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
  if (parsed?.[name] !== text) return null;
  const literals: string[] = [];
  for (const v of values) {
    // Untyped literals take the types the statement was prepared with.
    if (v === null || v === undefined) literals.push('NULL');
    // A NUL would end the query text early: such a value goes as a parameter, and PostgreSQL refuses it there.
    else if (typeof v === 'string' && !v.includes('\0')) literals.push(escapeLiteral(v));
    else if (v instanceof Date) literals.push(escapeLiteral(v.toISOString()));
    else if (typeof v === 'number' && Number.isFinite(v)) literals.push(String(v));
    else if (typeof v === 'boolean') literals.push(v ? 'TRUE' : 'FALSE');
    else if (Array.isArray(v)) {
      // As pg sends an array parameter (`{"a","b"}`), which the untyped literal then is.
      const array = prepareValue(v);
      if (typeof array !== 'string' || array.includes('\0')) return null;
      literals.push(escapeLiteral(array));
    } else return null;
  }
  return `EXECUTE ${name}${literals.length ? `(${literals.join(', ')})` : ''}`;
}
