import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { Actor } from '@skranke/core';
import { Role } from '@skranke/domain';
import { Device, StaffRole, StaffUser } from '@skranke/persistence';
import { DEVICE_TOKEN_PREFIX, hashDeviceToken } from './device-tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StaffClaims {
  sub: string;
  username: string;
}

/** Turns a bearer token (staff JWT or device token) into an actor, or null. */
@Injectable()
export class TokenResolver {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  sign(user: StaffUser): Promise<string> {
    const claims: StaffClaims = { sub: user.id, username: user.username };
    return this.jwt.signAsync(claims, { secret: this.config.jwtSecret, expiresIn: this.config.jwtTtlSeconds });
  }

  async resolve(token: string | undefined | null): Promise<Actor | null> {
    if (!token || typeof token !== 'string' || token.length > 4096) return null;
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) return this.resolveDevice(token);
    let claims: StaffClaims;
    try {
      claims = await this.jwt.verifyAsync<StaffClaims>(token, { secret: this.config.jwtSecret });
    } catch {
      return null;
    }
    if (typeof claims?.sub !== 'string' || !UUID.test(claims.sub)) return null;
    // Roles are read fresh so a revoked role takes effect at once, not when the token expires.
    const user = await this.dataSource.getRepository(StaffUser).findOneBy({ id: claims.sub, active: true });
    if (!user) return null;
    const grants = await this.dataSource.getRepository(StaffRole).findBy({ userId: user.id });
    return { kind: 'user', userId: user.id, username: user.username, superAdmin: user.superAdmin, grants: grants.map((g) => ({ siteId: g.siteId, role: g.role as Role })) };
  }

  private async resolveDevice(token: string): Promise<Actor | null> {
    const device = await this.dataSource.getRepository(Device).findOneBy({ tokenHash: hashDeviceToken(token), revokedAt: IsNull() });
    if (!device) return null;
    return { kind: 'device', deviceId: device.id, siteId: device.siteId, deviceKind: device.kind };
  }
}
