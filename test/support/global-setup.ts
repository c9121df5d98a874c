import 'reflect-metadata';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { TEMPLATE_DB, adminQuery, dbUrl } from './database';

/** Migrate once into a template database; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  const ds = createDataSource(dbUrl(TEMPLATE_DB), { poolSize: 1 });
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
}
