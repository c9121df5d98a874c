/**
 * Writes a migration for the difference between the entities and a scratch
 * database migrated to the current head. Usage: npm run migration:generate -- Name
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '../libs/persistence/src/data-source';

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate -- PascalCaseName');
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const scratch = `skranke_migration_scratch`;
  await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
  await admin.query(`CREATE DATABASE ${scratch}`);
  const ds = createDataSource(`postgres://postgres@127.0.0.1:5432/${scratch}`);
  await ds.initialize();
  await runMigrations(ds);
  const log = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  await admin.query(`DROP DATABASE ${scratch}`);
  await admin.end();
  if (!log.upQueries.length) return console.log('No changes: entities and migrations match.');
  const stamp = Date.now();
  const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const up = log.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
  const down = log.downQueries.reverse().map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
  const file = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(q: QueryRunner): Promise<void> {
${up}
  }

  async down(q: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const path = join(__dirname, '../libs/persistence/src/migrations', `${stamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.migration.ts`);
  writeFileSync(path, file);
  console.log(`Wrote ${path}; add it to libs/persistence/src/migrations/index.ts`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
