import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { createRedis, duplicateRedis } from '@skranke/platform';
import type { ServerOptions } from 'socket.io';
import { socketKey } from './rooms';

/** socket.io over Redis, attached before listen, so every instance reaches every client. */
export class RedisIoAdapter extends IoAdapter {
  private adapter?: ReturnType<typeof createAdapter>;
  private clients: Redis[] = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  connect(redisUrl: string, redisPrefix: string): void {
    const pub = createRedis(redisUrl, 'socket.io-pub');
    const sub = duplicateRedis(pub, 'socket.io-sub');
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: socketKey(redisPrefix) });
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, { ...options, transports: ['websocket'] });
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: { close: () => unknown }) {
    await super.close(server as never);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
  }
}
