import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { REDIS, overRateLimit } from '@skranke/platform';
import { WaitTimesService } from './wait-times.service';

const PATH = /^\/([a-z0-9-]{1,64})\/wait-times$/;

/**
 * `GET /public/sites/:slug/wait-times` is what municipality web pages embed, so
 * every visitor's browser asks it. While the cached answer is fresh (5 s) it is
 * sent from here, ahead of Nest's pipeline, as a caching proxy in front of the
 * app would, with the same headers and rate limit. Anything else (a first or
 * stale request, an unknown slug, a caller over the limit) goes on to the
 * controller, which computes, refuses or answers 429 as documented.
 */
export function waitTimesFastPath(app: INestApplication) {
  const waitTimes = app.get(WaitTimesService);
  const redis = app.get<Redis>(REDIS);
  const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
  return (req: Request, res: Response, next: NextFunction): void => {
    const slug = req.method === 'GET' ? PATH.exec(req.path)?.[1] : undefined;
    const json = slug && waitTimes.freshJson(slug);
    if (!json || overRateLimit(redis, config, 'public', `ip:${req.ip ?? 'unknown'}`)) return next();
    res.setHeader('x-request-id', (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID());
    res.setHeader('Cache-Control', 'public, max-age=5');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(json);
  };
}
