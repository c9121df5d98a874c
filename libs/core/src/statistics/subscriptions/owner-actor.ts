import type { DataSource } from 'typeorm';
import { municipalitySlug, type Role } from '@skranke/domain';
import type { Actor } from '../../actor';

/**
 * A subscription's owner as an actor with today's roles (municipality administrators: admin of its sites), or null
 * when the owner is deactivated: a scheduled report is made with exactly what its owner may read at send time.
 */
export async function ownerActor(ds: DataSource, userId: string): Promise<Actor | null> {
  const [user]: {
    id: string;
    username: string;
    super_admin: boolean;
    grants: { siteId: string; role: Role }[];
    municipalities: string[];
  }[] = await ds.query(
    `SELECT u.id, u.username, u.super_admin,
              coalesce(json_agg(json_build_object('siteId', r.site_id, 'role', r.role)) FILTER (WHERE r.role IS NOT NULL), '[]') AS grants,
              array(SELECT m.municipality FROM staff_municipality_role m WHERE m.user_id = u.id) AS municipalities
         FROM staff_user u LEFT JOIN staff_role r ON r.user_id = u.id
        WHERE u.id = $1 AND u.active
        GROUP BY u.id`,
    [userId],
  );
  if (!user) return null;
  const sites: { id: string; municipality: string | null }[] = user.municipalities.length
    ? await ds.query('SELECT id, municipality FROM site WHERE municipality IS NOT NULL')
    : [];
  const municipal = sites
    .filter((s) => user.municipalities.includes(municipalitySlug(s.municipality!)))
    .map((s) => ({ siteId: s.id, role: 'admin' as const }));
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    superAdmin: user.super_admin,
    municipalities: user.municipalities,
    grants: [...user.grants, ...municipal],
  };
}
