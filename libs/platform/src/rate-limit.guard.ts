import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError } from '@skranke/domain';
import { REDIS } from './redis';

const BUCKET_KEY = 'skranke:rate-limit-bucket';

/**
 * A fixed one-minute window per caller in Redis, shared by every instance:
 * a kiosk counts per device, anyone else per IP address. Above
 * RATE_LIMIT_PER_MINUTE the answer is 429 `rate_limited`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: { kind: string; deviceId?: string } }>();
    const bucket = this.reflector.get<string>(BUCKET_KEY, context.getHandler()) ?? 'default';
    const who = req.actor?.kind === 'device' ? `device:${req.actor.deviceId}` : `ip:${req.ip ?? 'unknown'}`;
    const window = Math.floor(Date.now() / 60_000);
    const key = `${this.config.redisPrefix}:rate:${bucket}:${who}:${window}`;
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, 120);
    if (count > this.config.rateLimitPerMinute) {
      throw new DomainError('rate-limit', 'rate_limited', 'Too many requests; try again in a minute.');
    }
    return true;
  }
}

/** Applies the per-device / per-IP limit to a route; `bucket` keeps unrelated routes' counts apart. */
export const RateLimited = (bucket: string) => applyDecorators(SetMetadata(BUCKET_KEY, bucket), UseGuards(RateLimitGuard));
