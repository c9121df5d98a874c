import type { DataSource } from 'typeorm';
import { municipalitySlug, type Role } from '@skranke/domain';
import type { Actor } from './actor';

/** A staff token's part in the lookup: the user's token epoch it carries, and its own id (an ended token is refused). */
export interface StaffTokenCheck {
  epoch: number;
  tokenId: string;
}

/**
 * An active staff member as an actor with today's roles: the site grants, plus `admin` of every site of each
 * municipality they administer (read at each load, so a site created or moved later counts). With a token, the
 * token must still be good (same epoch, not ended). Used by every request's token and by work done for a user
 * later (a scheduled report made as its owner).
 */
export async function loadStaffActor(ds: DataSource, userId: string, token?: StaffTokenCheck): Promise<Actor | null> {
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
          ${token ? 'AND u.token_epoch = $2 AND NOT EXISTS (SELECT 1 FROM ended_token e WHERE e.jti = $3)' : ''}
        GROUP BY u.id`,
    token ? [userId, token.epoch, token.tokenId] : [userId],
  );
  if (!user) return null;
  const municipal = (await municipalitySites(ds, user.municipalities)).map((siteId) => ({ siteId, role: 'admin' as const }));
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    superAdmin: user.super_admin,
    municipalities: user.municipalities,
    grants: [...user.grants, ...municipal],
  };
}

async function municipalitySites(ds: DataSource, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return [];
  const sites: { id: string; municipality: string }[] = await ds.query('SELECT id, municipality FROM site WHERE municipality IS NOT NULL');
  return sites.filter((s) => slugs.includes(municipalitySlug(s.municipality))).map((s) => s.id);
}
