import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { contentSecurityPolicy } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Content-Security-Policy directives a page may widen beyond 'self'. */
export type PageSources = Partial<Record<'connect-src' | 'img-src' | 'media-src', string[]>>;

/** JSON is not a document: an API answer opened in a browser may load and run nothing, and never be framed. */
const API_DIRECTIVES = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** Every page: its own scripts and styles only (no inline code, no eval), no plugins, no framing. */
const PAGE_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
};

/** Swagger UI (/api/docs) brings inline styles and data: images of its own. */
const DOCS_DIRECTIVES = { ...PAGE_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"] };

/**
 * The headers of every answer (helmet): the API's CSP, no framing (also as X-Frame-Options
 * for old browsers), nosniff, no Referer (the ticket page's address holds its token), and
 * helmet's other defaults. Pages and the API docs replace the CSP with their own.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The same headers for the few answers Node writes itself, before Express (broken requests). */
export const RAW_SECURITY_HEADERS =
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n";

export const docsPolicy = (): RequestHandler => contentSecurityPolicy({ useDefaults: false, directives: DOCS_DIRECTIVES });

/** The socket.io hub at `url` as CSP sources: its origin and the same as ws(s). */
export function hubSources(url: string): string[] {
  const origin = new URL(url).origin;
  return [origin, origin.replace(/^http/, 'ws')];
}

/**
 * A page's CSP: the base, its own extra sources, and who may frame it (per request:
 * origins; ['*'] anyone, even a local file, so no frame-ancestors at all; [] or by
 * default no one). Call as `policy(req, res, ancestors, send)`.
 */
export function pagePolicy(sources: PageSources = {}) {
  const directives: Record<string, Array<string | ((req: IncomingMessage, res: ServerResponse) => string)>> = { ...PAGE_DIRECTIVES };
  for (const [name, extra] of Object.entries(sources)) directives[name] = [...directives[name], ...extra];
  const framedByAnyone = contentSecurityPolicy({ useDefaults: false, directives }) as unknown as RequestHandler;
  directives['frame-ancestors'] = [(_req, res) => ((res as Response).locals.frameAncestors as string[]).join(' ') || "'none'"];
  const framedBySome = contentSecurityPolicy({ useDefaults: false, directives }) as unknown as RequestHandler;
  return (req: Request, res: Response, frameAncestors: string[], next: NextFunction) => {
    res.locals.frameAncestors = frameAncestors;
    if (frameAncestors.length) {
      // Framed elsewhere by design: the CSP says by whom; the old header could only say no one.
      res.removeHeader('X-Frame-Options');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    (frameAncestors.includes('*') ? framedByAnyone : framedBySome)(req, res, next);
  };
}
