/** `npm run migrate`: applies pending migrations to DATABASE_URL (safe to run beside running apps). */
import 'reflect-metadata';
import { loadConfig } from '../libs/config/src';
import { createDataSource, runMigrations } from '../libs/persistence/src';

async function main() {
  const config = loadConfig();
  const ds = createDataSource(config.databaseUrl, { poolSize: 2, name: 'skranke-migrate' });
  await ds.initialize();
  const applied = await runMigrations(ds);
  await ds.destroy();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the database is up to date.');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
