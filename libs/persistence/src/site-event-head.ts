import type { DataSource, EntityManager } from 'typeorm';

/**
 * The last event seq handed out at a site (0 before its first event), in the
 * caller's snapshot when called in a transaction; null when there is no such site.
 */
export async function siteEventHead(db: DataSource | EntityManager, siteId: string): Promise<number | null> {
  const [row] = await db.query('SELECT coalesce(q.last_seq, 0) AS seq FROM site s LEFT JOIN site_event_seq q ON q.site_id = s.id WHERE s.id = $1', [siteId]);
  return row ? Number(row.seq) : null;
}
