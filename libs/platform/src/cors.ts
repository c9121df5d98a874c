import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { PUBLIC_KEY } from '@skranke/auth';

/**
 * The routes marked @Public (wait times, kiosk start screen, ticket tracking, login,
 * health), read from the controllers once the app is initialised.
 */
export class PublicRoutes {
  private routes: { method: string; path: RegExp }[] = [];

  readonly has = (method: string, path: string): boolean => {
    const m = method === 'HEAD' ? 'GET' : method;
    return this.routes.some((r) => (r.method === m || r.method === 'ALL') && r.path.test(path));
  };

  load(app: INestApplication, prefix: string): void {
    const scanner = app.get(MetadataScanner);
    const reflector = app.get(Reflector);
    for (const { metatype, instance } of app.get(DiscoveryService).getControllers()) {
      if (!metatype || !instance) continue;
      const bases = paths(Reflect.getMetadata(PATH_METADATA, metatype));
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const own = Reflect.getMetadata(PATH_METADATA, handler);
        if (own === undefined || !reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype])) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const base of bases) for (const path of paths(own)) this.routes.push({ method, path: pattern([prefix, base, path]) });
      }
    }
  }
}

const paths = (p: unknown): string[] => (Array.isArray(p) ? p : [p ?? '']).map(String);

/** `/api/v1/public/sites/:slug/wait-times` as a regular expression (a parameter is one path segment). */
function pattern(parts: string[]): RegExp {
  const segments = parts.join('/').split('/').filter(Boolean);
  const source = segments.map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^/${source}/?$`, 'i');
}

/**
 * The apps' CORS policy, decided before anything else answers: a public route may be
 * read from any web page (`*`: a municipality's site embeds the wait times); everything
 * else only from the allowed origins (the apps' own pages and CORS_ORIGINS). No
 * credentials either way: staff and devices send a bearer token, never a cookie.
 */
export function corsPolicy(allowedOrigins: string[], routes: PublicRoutes): RequestHandler {
  const anyone = cors({ origin: '*', credentials: false });
  const allowed = cors({ origin: allowedOrigins, credentials: false });
  return (req: Request, res: Response, next: NextFunction) => {
    const method = req.method === 'OPTIONS' ? String(req.headers['access-control-request-method'] ?? '').toUpperCase() : req.method;
    (routes.has(method, req.path) ? anyone : allowed)(req, res, next);
  };
}
