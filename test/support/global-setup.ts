import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDataSource, runMigrations } from '../../libs/persistence/src/data-source';
import { adminQuery, dbUrl } from './database';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Builds the pages for the browser tests, then migrates once into a template
 * database (named per run, so parallel runs never share one) that each test
 * file clones. Databases left by runs that died are dropped.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.SKIP_WEB_BUILD) execFileSync(process.execPath, [join(__dirname, '..', '..', 'tools', 'build-web.js')], { stdio: 'inherit' });
  const leftovers = await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'skranke\\_test\\_%'`);
  for (const { datname } of leftovers) {
    const pid = Number(/^skranke_test_(?:template_)?(\d+)/.exec(datname)?.[1]);
    if (pid && !alive(pid)) await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
  const template = `skranke_test_template_${process.pid}`;
  process.env.SKRANKE_TEST_TEMPLATE = template;
  await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${template}`);
  const ds = createDataSource(dbUrl(template), { poolSize: 2 });
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
}
