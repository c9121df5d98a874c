import 'reflect-metadata';
import { createDataSource, pendingSchemaChanges, runMigrations } from '../../libs/persistence/src/data-source';
import { createTestDatabase } from '../support/database';

describe('migrations', () => {
  it('match the entities: generating a migration would produce nothing', async () => {
    const db = await createTestDatabase();
    const ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('can be run by two instances at once: the advisory lock lets one migrate, the other finds nothing to do', async () => {
    const db = await createTestDatabase();
    // Start from an empty schema so there is work to race for.
    const a = createDataSource(db.url, { poolSize: 2 });
    const b = createDataSource(db.url, { poolSize: 2 });
    await Promise.all([a.initialize(), b.initialize()]);
    try {
      await a.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const [ranA, ranB] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect([...ranA, ...ranB]).toHaveLength(a.migrations.length);
      expect(await pendingSchemaChanges(a)).toEqual([]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
      await db.drop();
    }
  });
});
