import { adminQuery } from './database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.SKRANKE_TEST_TEMPLATE;
  if (template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
