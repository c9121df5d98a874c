import { Client } from 'pg';

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function dbUrl(name: string): string {
  return PG_ADMIN_URL.replace(/\/[^/?]*(\?.*)?$/, (_m, query) => `/${name}${query ?? ""}`);
}

export async function adminQuery<T = unknown>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A fresh database per test file, cloned from the migrated template (fast: no migrations per file). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `skranke_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${process.env.SKRANKE_TEST_TEMPLATE}`);
  return {
    name,
    url: dbUrl(name),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
