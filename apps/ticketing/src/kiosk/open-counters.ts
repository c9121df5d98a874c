import { EntityManager } from 'typeorm';

/**
 * The services some open counter of the site serves now. The wait estimator
 * has no finite estimate for the others (only an open counter has a free
 * moment ahead), so the kiosk shows "no counter open" for them, not a number.
 */
export async function servicesWithOpenCounter(db: EntityManager, siteId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await db.query(`SELECT DISTINCT unnest(service_ids) AS id FROM counter WHERE site_id = $1 AND active AND state = 'open'`, [siteId]);
  return new Set(rows.map((r) => r.id));
}
