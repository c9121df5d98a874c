/**
 * The end of every ticket change sends its values as SQL literals (libs/persistence
 * commit-with.ts): quoting must survive what names and payloads hold, and the
 * COMMIT must be skipped when the statement before it fails. Its start sends
 * BEGIN with the first statement (lazy-begin.ts): `BEGIN; EXECUTE …` must give
 * what the prepared statement gives, and every way a transaction ends must
 * still commit or undo all of it.
 */
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { beginWithFirstStatement, createDataSource, preparedQuery, queryAndCommit, sqlLiteral } from '../../libs/persistence/src';
import { createTestDatabase } from '../support/database';

describe('values as literals, and the statement sent with COMMIT', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, { poolSize: 2, name: 'commit-with-spec' });
    await ds.initialize();
    await ds.query('CREATE TABLE IF NOT EXISTS commit_with_probe (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('round-trips quotes, backslashes, Danish letters, emoji, nulls, arrays and JSON unchanged', async () => {
    const texts = [`O'Brien`, 'C:\\Borgerservice\\', 'Ærø Kommune – åbent', '💬 "citat"', `'; DROP TABLE ticket; --`, ''];
    const [row] = await ds.query(
      `SELECT ${sqlLiteral(texts, 'text[]')} AS texts, ${sqlLiteral(null, 'uuid')} AS nothing,
              ${sqlLiteral(['8c7e2f0a-2f0b-4a57-9f58-8e9c4b3d2a11', null], 'uuid[]')} AS ids,
              ${sqlLiteral([JSON.stringify({ name: `Ærø's "Borgerservice"\\` })], 'jsonb[]')} AS payloads,
              ${sqlLiteral(new Date('2026-03-29T01:30:00.123Z'), 'timestamptz')} AS at`,
    );
    expect(row.texts).toEqual(texts);
    expect(row.nothing).toBeNull();
    expect(row.ids).toEqual(['8c7e2f0a-2f0b-4a57-9f58-8e9c4b3d2a11', null]);
    expect(row.payloads).toEqual([{ name: `Ærø's "Borgerservice"\\` }]);
    expect(row.at.toISOString()).toBe('2026-03-29T01:30:00.123Z');
  });

  it('commits with the statement when it succeeds, and leaves the transaction to roll back when it fails', async () => {
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('INSERT INTO commit_with_probe VALUES (1, $1)', ['kept']);
      const rows = await queryAndCommit<{ n: number }>(runner, `SELECT count(*)::int AS n FROM commit_with_probe`);
      expect(rows).toEqual([{ n: 1 }]);
      expect(runner.isTransactionActive).toBe(false);

      await runner.startTransaction();
      await runner.query('INSERT INTO commit_with_probe VALUES (2, $1)', ['rolled back']);
      await expect(queryAndCommit(runner, `SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
      expect(runner.isTransactionActive).toBe(true); // the COMMIT did not run
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await ds.query('SELECT id, note FROM commit_with_probe ORDER BY id')).toEqual([{ id: 1, note: 'kept' }]);
  });

  it('runs the writes held for the commit first, in order, and none of them when one fails', async () => {
    await ds.query('TRUNCATE commit_with_probe');
    const runner = ds.createQueryRunner();
    try {
      await beginWithFirstStatement(runner);
      const held = [`INSERT INTO commit_with_probe VALUES (30, 'a')`, `UPDATE commit_with_probe SET note = note || 'b' WHERE id = 30`];
      const rows = await queryAndCommit<{ note: string }>(runner, `SELECT note FROM commit_with_probe WHERE id = 30`, held);
      expect(rows).toEqual([{ note: 'ab' }]);

      await beginWithFirstStatement(runner);
      const failing = [`INSERT INTO commit_with_probe VALUES (31, 'c')`, `INSERT INTO commit_with_probe VALUES (30, 'duplicate')`];
      await expect(queryAndCommit(runner, `SELECT 1`, failing)).rejects.toThrow(/duplicate key/);
      expect(runner.isTransactionActive).toBe(true);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await ds.query('SELECT id, note FROM commit_with_probe ORDER BY id')).toEqual([{ id: 30, note: 'ab' }]);
  });

  /** Runs `fn` on a runner begun lazily, recording the text of every simple query its connection sends. */
  async function lazily(fn: (runner: QueryRunner, sent: string[]) => Promise<void>): Promise<string[]> {
    const runner = ds.createQueryRunner();
    const sent: string[] = [];
    try {
      const client = (await runner.connect()) as PoolClient;
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (q: unknown, ...rest: unknown[]) => {
        sent.push(typeof q === 'string' ? q : `prepared ${(q as { name?: string }).name ?? ''}`);
        return query(q, ...rest);
      };
      try {
        await beginWithFirstStatement(runner);
        await fn(runner, sent);
      } finally {
        (client as unknown as { query: unknown }).query = query;
      }
    } finally {
      await runner.release();
    }
    return sent;
  }

  const PROBE = `SELECT $1::text AS text, $2::timestamptz AS at, $3::int AS n, $4::float8 AS x, $5::boolean AS yes, $6::uuid AS nothing`;
  const VALUES = [`O'Brien \\ 💬 'x'`, new Date('2026-10-25T01:30:00.5Z'), 42, -1.25, true, null];

  it('sends BEGIN with a prepared statement the connection knows, as EXECUTE with literals that give the same row', async () => {
    await ds.query('TRUNCATE commit_with_probe');
    let first: unknown[] = [];
    let second: unknown[] = [];
    const sent = await lazily(async (runner) => {
      first = await preparedQuery(runner.manager, PROBE, VALUES); // unknown here yet: BEGIN, then prepared
      await queryAndCommit(runner, `INSERT INTO commit_with_probe VALUES (10, 'first')`);
      await beginWithFirstStatement(runner);
      second = await preparedQuery(runner.manager, PROBE, VALUES); // known now: one query
      await queryAndCommit(runner, `INSERT INTO commit_with_probe VALUES (11, 'second')`);
    });
    expect(second).toEqual(first);
    expect(first).toEqual([{ text: VALUES[0], at: VALUES[1], n: 42, x: -1.25, yes: true, nothing: null }]);
    expect(sent[0]).toBe('BEGIN');
    expect(sent[1]).toMatch(/^prepared skranke_/);
    expect(sent[3]).toMatch(/^BEGIN; EXECUTE skranke_\w+\( ?E?'O''Brien/);
    expect(sent).toHaveLength(5);
    expect(await ds.query('SELECT id FROM commit_with_probe ORDER BY id')).toEqual([{ id: 10 }, { id: 11 }]);
  });

  it('gives an array value as the same array through EXECUTE, quotes, backslashes, braces and NULL included', async () => {
    const TAGS = `SELECT $1::text[] AS tags, $2::int[] AS ns`;
    const values = [[`a"b`, 'c\\d', '{e,f}', null, 'Ærø', ''], [1, 2, 3]];
    let first: unknown[] = [];
    let second: unknown[] = [];
    const sent = await lazily(async (runner) => {
      first = await preparedQuery(runner.manager, TAGS, values);
      await runner.rollbackTransaction();
      await beginWithFirstStatement(runner);
      second = await preparedQuery(runner.manager, TAGS, values);
      await runner.rollbackTransaction();
    });
    expect(first).toEqual([{ tags: values[0], ns: [1, 2, 3] }]);
    expect(second).toEqual(first);
    expect(sent.some((q) => q.startsWith('BEGIN; EXECUTE skranke_'))).toBe(true);
  });

  it('undoes everything when the first statement fails, or when a later one does', async () => {
    await ds.query('TRUNCATE commit_with_probe');
    await lazily(async (runner) => {
      await preparedQuery(runner.manager, PROBE, VALUES); // prepared on this connection
      await runner.rollbackTransaction();
      await beginWithFirstStatement(runner);
      await expect(preparedQuery(runner.manager, `SELECT 1 / $1::int AS q`, [0])).rejects.toThrow(/division by zero/);
      await runner.rollbackTransaction();
      await beginWithFirstStatement(runner);
      await runner.query(`INSERT INTO commit_with_probe VALUES (20, 'undone')`); // a TypeORM statement first: BEGIN goes ahead of it
      await expect(queryAndCommit(runner, `SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
      await runner.rollbackTransaction();
    });
    expect(await ds.query('SELECT id FROM commit_with_probe')).toEqual([]);
  });

  it('sends a value holding NUL as a parameter, never inside the query text, and PostgreSQL refuses it', async () => {
    const sent = await lazily(async (runner) => {
      await preparedQuery(runner.manager, PROBE, VALUES);
      await runner.rollbackTransaction();
      await beginWithFirstStatement(runner);
      await expect(preparedQuery(runner.manager, PROBE, ['before\0after', ...VALUES.slice(1)])).rejects.toThrow(/0x00/);
      await runner.rollbackTransaction();
    });
    expect(sent.filter((q) => q.includes('before'))).toEqual([]);
  });

  it('sends no BEGIN, COMMIT or ROLLBACK for a transaction that ran no statement', async () => {
    const sent = await lazily(async (runner) => {
      await runner.rollbackTransaction();
      expect(runner.isTransactionActive).toBe(false);
      await beginWithFirstStatement(runner);
      await runner.commitTransaction();
    });
    expect(sent.filter((q) => /BEGIN|COMMIT|ROLLBACK/.test(q))).toEqual([]);
  });
});
