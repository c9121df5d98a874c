import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { createRedis, duplicateRedis, securityHeaders } from '@skranke/platform';
import type { ServerOptions } from 'socket.io';
import { socketKey } from './rooms';

/** socket.io over Redis, attached before listen, so every instance reaches every client. */
export class RedisIoAdapter extends IoAdapter {
  private adapter?: ReturnType<typeof createAdapter>;
  private clients: Redis[] = [];

  /** `allowedOrigins`: pages of these origins (and of the hub's own) may connect; clients without an Origin (not browsers) too. */
  constructor(
    app: INestApplicationContext,
    private readonly allowedOrigins: string[] = [],
  ) {
    super(app);
  }

  connect(redisUrl: string, redisPrefix: string): void {
    const pub = createRedis(redisUrl, 'socket.io-pub', { maxRetriesPerRequest: null });
    const sub = duplicateRedis(pub, 'socket.io-sub');
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: socketKey(redisPrefix) });
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket'],
      cors: { origin: this.allowedOrigins, credentials: false },
      // Browsers apply no CORS to websockets, so the hub checks the page's origin itself.
      allowRequest: (req: IncomingMessage, done: (err: string | null | undefined, ok: boolean) => void) => done(null, this.mayConnect(req.headers.origin, req.headers.host)),
    });
    if (this.adapter) server.adapter(this.adapter);
    // The hub's own HTTP answers (refusals of polling, bad handshakes) carry the apps' security headers too.
    server.engine.use(securityHeaders());
    return server;
  }

  private mayConnect(origin: string | undefined, host: string | undefined): boolean {
    if (!origin || this.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  override async close(server: { close: () => unknown }) {
    await super.close(server as never);
    await Promise.all(this.clients.map((c) => settled(c).then(() => c.quit().catch(() => undefined))));
  }
}

/**
 * The Redis adapter subscribes when it is made and unsubscribes when it is closed without awaiting either; a
 * connection quit before their replies came would reject them where nobody listens (an unhandled rejection). Redis
 * answers in order, so a PING's reply (allowed in subscriber mode) means theirs came. Bounded: Redis may be down.
 */
function settled(client: Redis, ms = 2_000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([client.ping().catch(() => undefined), waited]).finally(() => clearTimeout(timer));
}
