import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { DomainError } from '@skranke/domain';
import { REDIS } from './redis';
import { WindowCounter } from './window-counter';

const BUCKET_KEY = 'skranke:rate-limit-bucket';
const counters = new WeakMap<Redis, WindowCounter>();

/**
 * A fixed one-minute window per caller, counted in Redis and shared by every
 * instance (in batches: see WindowCounter): a kiosk counts per device, anyone
 * else per IP address. Above RATE_LIMIT_PER_MINUTE the answer is 429 `rate_limited`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly counter: WindowCounter;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly reflector: Reflector,
  ) {
    // One counter per app (its Redis client), whichever module's routes the guard serves.
    this.counter = counters.get(redis) ?? counters.set(redis, new WindowCounter(redis, 120)).get(redis)!;
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { actor?: { kind: string; deviceId?: string } }>();
    const bucket = this.reflector.get<string>(BUCKET_KEY, context.getHandler()) ?? 'default';
    const who = req.actor?.kind === 'device' ? `device:${req.actor.deviceId}` : `ip:${req.ip ?? 'unknown'}`;
    const minute = Math.floor(Date.now() / 60_000);
    const count = this.counter.hit(`${this.config.redisPrefix}:rate:${bucket}:${who}:${minute}`, minute);
    if (count > this.config.rateLimitPerMinute) {
      throw new DomainError('rate-limit', 'rate_limited', 'Too many requests; try again in a minute.');
    }
    return true;
  }
}

/** Applies the per-device / per-IP limit to a route; `bucket` keeps unrelated routes' counts apart. */
export const RateLimited = (bucket: string) => applyDecorators(SetMetadata(BUCKET_KEY, bucket), UseGuards(RateLimitGuard));
