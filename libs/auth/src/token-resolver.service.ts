import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { Actor } from '@skranke/core';
import { Role, isUuid, municipalitySlug } from '@skranke/domain';
import { Device, StaffUser, WatchedCache } from '@skranke/persistence';
import { DEVICE_TOKEN_PREFIX, hashDeviceToken } from './device-tokens';

/** How long a resolved token is kept even without a change notice. */
const ACTOR_TTL_MS = 60_000;

interface StaffClaims {
  sub: string;
  username: string;
}

/** Turns a bearer token (staff JWT or device token) into an actor, or null. */
@Injectable()
export class TokenResolver {
  /** A key object, not the string: jsonwebtoken otherwise tries (and fails) to parse a public key on every check. */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  sign(user: StaffUser): Promise<string> {
    const claims: StaffClaims = { sub: user.id, username: user.username };
    return this.jwt.signAsync(claims, { secret: this.config.jwtSecret, expiresIn: this.config.jwtTtlSeconds });
  }

  async resolve(token: string | undefined | null): Promise<Actor | null> {
    if (!token || typeof token !== 'string' || token.length > 4096) return null;
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) return this.resolveDevice(token);
    const userId = await this.verifiedSubject(token);
    if (!userId) return null;
    return this.staff.get(userId, () => this.loadStaff(userId));
  }

  /** Tokens whose signature was checked, until they expire: a counter sends the same token all day. */
  private readonly verified = new Map<string, { userId: string; expiresAt: number }>();

  private async verifiedSubject(token: string): Promise<string | null> {
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.userId;
    let claims: StaffClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<StaffClaims & { exp?: number }>(token, { secret: this.key as never, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!isUuid(claims?.sub)) return null;
    if (typeof claims.exp === 'number') {
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, { userId: claims.sub, expiresAt: claims.exp * 1000 });
    }
    return claims.sub;
  }

  /**
   * Read through a cache that every write to staff, roles or devices clears in
   * every instance (NOTIFY), so a revoked role or device takes effect at once.
   */
  private readonly staff = new WatchedCache<Actor | null>(['staff_user', 'staff_role', 'staff_municipality_role', 'site'], ACTOR_TTL_MS);
  private readonly devices = new WatchedCache<Actor | null>(['device'], ACTOR_TTL_MS);

  private async loadStaff(userId: string): Promise<Actor | null> {
    const [user]: { id: string; username: string; super_admin: boolean; grants: { siteId: string; role: Role }[]; municipalities: string[] }[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.super_admin,
              coalesce(json_agg(json_build_object('siteId', r.site_id, 'role', r.role)) FILTER (WHERE r.role IS NOT NULL), '[]') AS grants,
              array(SELECT m.municipality FROM staff_municipality_role m WHERE m.user_id = u.id) AS municipalities
       FROM staff_user u LEFT JOIN staff_role r ON r.user_id = u.id
       WHERE u.id = $1 AND u.active GROUP BY u.id`,
      [userId],
    );
    if (!user) return null;
    const grants = [...user.grants, ...(await this.municipalitySites(user.municipalities)).map((siteId) => ({ siteId, role: 'admin' as const }))];
    return { kind: 'user', userId: user.id, username: user.username, superAdmin: user.super_admin, municipalities: user.municipalities, grants };
  }

  /** The sites of these municipalities (slugs), read at each load: a site created or moved later counts (the cache watches `site`). */
  private async municipalitySites(slugs: string[]): Promise<string[]> {
    if (!slugs.length) return [];
    const sites: { id: string; municipality: string }[] = await this.dataSource.query('SELECT id, municipality FROM site WHERE municipality IS NOT NULL');
    return sites.filter((s) => slugs.includes(municipalitySlug(s.municipality))).map((s) => s.id);
  }

  private async resolveDevice(token: string): Promise<Actor | null> {
    const hash = hashDeviceToken(token);
    return this.devices.get(hash, async () => {
      const device = await this.dataSource.getRepository(Device).findOneBy({ tokenHash: hash, revokedAt: IsNull() });
      return device ? ({ kind: 'device', deviceId: device.id, siteId: device.siteId, deviceKind: device.kind } as Actor) : null;
    });
  }
}
