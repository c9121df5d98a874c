import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { loadStaffActor, type Actor } from '@skranke/core';
import { isUuid } from '@skranke/domain';
import { Device, StaffUser, WatchedCache } from '@skranke/persistence';
import { DEVICE_TOKEN_PREFIX, hashDeviceToken } from './device-tokens';

/** How long a resolved token is kept even without a change notice. */
const ACTOR_TTL_MS = 60_000;
/** A device's last_seen_at is written at most this often (per instance): a kiosk polling every second costs no write per request. */
const SEEN_EVERY_MS = 60_000;

interface StaffClaims {
  sub: string;
  username: string;
  /** The user's token epoch when signed: raising it ends all their tokens. */
  ep: number;
  /** This token's id (`jti`): logout ends it alone. */
  jti: string;
  exp: number;
  /** A single sign-on's session (sso_session), which logout ends with the token. */
  sid?: string;
}

/** A staff token whose signature holds (it may still have been ended). */
export interface StaffToken {
  userId: string;
  tokenId: string;
  epoch: number;
  expiresAt: Date;
  /** The single sign-on session it was given in, if any. */
  sessionId?: string;
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

  /** A staff token; single sign-on passes a short lifetime (SSO_TOKEN_MINUTES), renewed by refreshing. */
  sign(user: Pick<StaffUser, 'id' | 'username' | 'tokenEpoch'>, ttlSeconds = this.config.jwtTtlSeconds, sessionId?: string): Promise<string> {
    const claims: Omit<StaffClaims, 'jti' | 'exp'> = { sub: user.id, username: user.username, ep: user.tokenEpoch, ...(sessionId ? { sid: sessionId } : {}) };
    return this.jwt.signAsync(claims, { secret: this.config.jwtSecret, expiresIn: ttlSeconds, jwtid: randomUUID() });
  }

  async resolve(token: string | undefined | null): Promise<Actor | null> {
    if (!token || typeof token !== 'string' || token.length > 4096) return null;
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) return this.resolveDevice(token);
    const staff = await this.staffToken(token);
    if (!staff) return null;
    return this.staff.get(staff.tokenId, () => this.loadStaff(staff));
  }

  /** Tokens whose signature was checked, until they expire: a counter sends the same token all day. */
  private readonly verified = new Map<string, StaffToken>();

  /**
   * The claims of a well-signed, unexpired staff token, whether or not it has
   * been ended (`resolve` says that). Tokens from before ids and epochs existed are refused.
   */
  async staffToken(token: string | undefined | null): Promise<StaffToken | null> {
    if (!token || typeof token !== 'string' || token.length > 4096 || token.startsWith(DEVICE_TOKEN_PREFIX)) return null;
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt.getTime() > Date.now()) return hit;
    let claims: StaffClaims;
    try {
      claims = await this.jwt.verifyAsync<StaffClaims>(token, { secret: this.key as never, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!isUuid(claims?.sub) || !isUuid(claims.jti) || !Number.isSafeInteger(claims.ep) || typeof claims.exp !== 'number') return null;
    const verified: StaffToken = { userId: claims.sub, tokenId: claims.jti, epoch: claims.ep, expiresAt: new Date(claims.exp * 1000), sessionId: isUuid(claims.sid) ? claims.sid : undefined };
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  /**
   * Read through a cache that every write to staff, roles, ended tokens or
   * devices clears in every instance (NOTIFY), so a logout, a deactivation, a
   * revoked role or device takes effect at once. Staff are cached per token:
   * one token can be ended alone.
   */
  private readonly staff = new WatchedCache<Actor | null>(['staff_user', 'staff_role', 'staff_municipality_role', 'site', 'ended_token'], ACTOR_TTL_MS);
  private readonly devices = new WatchedCache<Actor | null>(['device'], ACTOR_TTL_MS);

  private loadStaff(token: StaffToken): Promise<Actor | null> {
    return loadStaffActor(this.dataSource, token.userId, { epoch: token.epoch, tokenId: token.tokenId });
  }

  private async resolveDevice(token: string): Promise<Actor | null> {
    const hash = hashDeviceToken(token);
    const actor = await this.devices.get(hash, async () => {
      const device = await this.dataSource.getRepository(Device).findOneBy({ tokenHash: hash, revokedAt: IsNull() });
      return device ? ({ kind: 'device', deviceId: device.id, siteId: device.siteId, deviceKind: device.kind } as Actor) : null;
    });
    if (actor?.kind === 'device') await this.noteSeen(actor.deviceId);
    return actor;
  }

  /** When this instance last wrote each device's last_seen_at. */
  private readonly seenWritten = new Map<string, number>();

  /** The configuration page shows when a kiosk or display was last heard from (a dead screen stands out). */
  private async noteSeen(deviceId: string): Promise<void> {
    const now = Date.now();
    if (now - (this.seenWritten.get(deviceId) ?? 0) < SEEN_EVERY_MS) return;
    this.seenWritten.set(deviceId, now);
    // Not the device's change notice (the trigger ignores this column), so cached tokens stay.
    await this.dataSource.query('UPDATE device SET last_seen_at = now() WHERE id = $1', [deviceId]).catch(() => this.seenWritten.delete(deviceId));
  }
}
