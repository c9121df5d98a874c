import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';

/**
 * The access log: one line per answered request with its id, method, path,
 * status and time. Lean on purpose. pino-http builds a child logger with the
 * serialised request for every request, at any log level (pino serialises a
 * child's bindings at once), so a request's full headers cost every request
 * even with logging off; and headers (tokens, cookies, the citizen's browser)
 * have no place in a log, nor has a ticket's tracking token.
 */
export function accessLogOptions(app: string, level: string): Options {
  return {
    level,
    name: app,
    genReqId: requestId,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: withoutTrackingToken(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
  };
}

/** The caller's X-Request-Id (up to 64 characters) or a new one, echoed in the answer so a report can name it. */
const requestId: NonNullable<Options['genReqId']> = (req, res) => {
  const id = (req.headers['x-request-id'] as string)?.slice(0, 64) || randomUUID();
  res.setHeader('x-request-id', id);
  return id;
};

/** The path with a ticket's tracking token left out: whoever holds the token may follow and cancel the ticket. */
export function withoutTrackingToken(url = ''): string {
  return url.replace(/^(\/t\/|\/api\/v1\/tickets\/track\/)[^/?#]+/, '$1:trackingToken');
}
