import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { rateLimited } from '@skranke/domain';
import { REDIS } from './redis';
import { WindowCounter } from './window-counter';

const BUCKET_KEY = 'skranke:rate-limit-bucket';
const LIMIT_KEY = 'skranke:rate-limit-kind';
const counters = new WeakMap<Redis, WindowCounter>();

/**
 * Counts one request of `who` (`device:<id>` or `ip:<address>`) in `bucket`, in a
 * fixed one-minute window counted in Redis and shared by every instance (in
 * batches: see WindowCounter). True when the caller is over RATE_LIMIT_PER_MINUTE.
 */
export function overRateLimit(redis: Redis, config: SkrankeConfig, bucket: string, who: string, limit = config.rateLimitPerMinute): boolean {
  // One counter per app (its Redis client), whichever module's routes ask.
  const counter = counters.get(redis) ?? counters.set(redis, new WindowCounter(redis, 120)).get(redis)!;
  const minute = Math.floor(Date.now() / 60_000);
  return counter.hit(`${config.redisPrefix}:rate:${bucket}:${who}:${minute}`, minute) > limit;
}

/** A kiosk counts per device, anyone else per IP address; over the limit the answer is 429 `rate_limited`. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { actor?: { kind: string; deviceId?: string } }>();
    const bucket = this.reflector.get<string>(BUCKET_KEY, context.getHandler()) ?? 'default';
    const who = req.actor?.kind === 'device' ? `device:${req.actor.deviceId}` : `ip:${req.ip ?? 'unknown'}`;
    const limit = this.reflector.get<string>(LIMIT_KEY, context.getHandler()) === 'public' ? this.config.publicRateLimitPerMinute : this.config.rateLimitPerMinute;
    if (overRateLimit(this.redis, this.config, bucket, who, limit)) {
      // The window is the calendar minute: its end is when the count starts again.
      throw rateLimited('rate_limited', 'Too many requests; try again in a minute.', 60 - (Math.floor(Date.now() / 1000) % 60));
    }
    return true;
  }
}

/**
 * Applies the per-device / per-IP limit to a route; `bucket` keeps unrelated routes' counts apart.
 * `public`: the lower limit of the public booking endpoints (PUBLIC_RATE_LIMIT_PER_MINUTE).
 */
export const RateLimited = (bucket: string, limit: 'staff' | 'public' = 'staff') =>
  applyDecorators(SetMetadata(BUCKET_KEY, bucket), SetMetadata(LIMIT_KEY, limit), UseGuards(RateLimitGuard));
