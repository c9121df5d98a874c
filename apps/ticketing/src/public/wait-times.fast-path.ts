import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { FrontHandler, REDIS, overRateLimit, setCorsHeaders } from '@skranke/platform';
import { WaitTimesService } from './wait-times.service';

const PATH = /^\/api\/v1\/public\/sites\/([a-z0-9-]{1,64})\/wait-times(?:\?|$)/;

/**
 * `GET /public/sites/:slug/wait-times` is what municipality web pages embed, so
 * every visitor's browser asks it. While the cached answer is fresh (5 s) it is
 * sent from here, on the HTTP server ahead of Express and Nest, as a caching
 * proxy in front of the app would, with the same headers (CORS included) and
 * rate limit. Anything else (a first or stale request, an unknown slug, a
 * caller over the limit, a request with a body, any other spelling of the path)
 * goes on to the controller, which computes, refuses or answers 429 as documented.
 */
export function waitTimesFastPath(app: INestApplication): FrontHandler {
  const waitTimes = app.get(WaitTimesService);
  const redis = app.get<Redis>(REDIS);
  const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
  return (req, res, clientIp) => {
    // A GET that carries a body goes on to the app, whose body parser judges it as for any request.
    const bare = req.method === 'GET' && !req.headers['content-length'] && !req.headers['transfer-encoding'];
    const slug = bare ? PATH.exec(req.url ?? '')?.[1] : undefined;
    const json = slug && waitTimes.freshJson(slug);
    if (!json || overRateLimit(redis, config, 'public', `ip:${clientIp() || 'unknown'}`)) return false;
    setCorsHeaders(req, res);
    res.setHeader('x-request-id', (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID());
    res.setHeader('Cache-Control', 'public, max-age=5');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(json);
    return true;
  };
}
