import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * A handler on the HTTP server itself, ahead of Express and Nest, as a caching
 * proxy in front of the app would be: it answers a request (true) or leaves it
 * to the app untouched (false). `clientIp()` is the address Express's `req.ip`
 * would give (the app's `trust proxy` setting applied).
 */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse, clientIp: () => string) => boolean;

/** Puts `handler` in front of every request listener the app's server has (call after init). */
export function putInFront(app: NestExpressApplication, handler: FrontHandler): void {
  const server = app.getHttpServer() as Server;
  const trust = app.getHttpAdapter().getInstance().get('trust proxy fn') as (addr: string, i: number) => boolean;
  const behind = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (handler(req, res, () => proxyaddr(req, trust))) return;
    for (const listener of behind) listener.call(server, req, res);
  });
}
