/**
 * The end of every ticket change sends its values as SQL literals (libs/persistence
 * commit-with.ts): quoting must survive what names and payloads hold, and the
 * COMMIT must be skipped when the statement before it fails.
 */
import { DataSource } from 'typeorm';
import { createDataSource, queryAndCommit, sqlLiteral } from '../../libs/persistence/src';
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
});
