import { createServer } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { RedisIoAdapter } from '@skranke/realtime';
import { REDIS_URL, clearRedisPrefix } from '../support/redis';

/**
 * A hub closed right after it started (a deploy that rolls back, a test that ends at once) must not leave the
 * socket.io Redis adapter's own subscribe and unsubscribe commands to be rejected after their connection quit:
 * such a rejection has no handler and ends a Node process (CI saw "Connection is closed." fail a suite this way).
 */
describe('realtime hub closed at once', () => {
  const prefix = `t${process.pid}close`;
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', record));
  afterAll(async () => {
    process.off('unhandledRejection', record);
    await clearRedisPrefix(prefix);
  });

  it('closes twenty hubs, each as soon as it is made or a few ms later, with no rejection left unhandled', async () => {
    for (let i = 0; i < 20; i++) {
      // The adapter is given the HTTP server, as Nest's IoAdapter accepts either it or the app.
      const adapter = new RedisIoAdapter(createServer() as unknown as INestApplicationContext);
      adapter.connect(REDIS_URL, prefix);
      const server = adapter.createIOServer(0);
      if (i % 2) await new Promise((r) => setTimeout(r, i % 5));
      await adapter.close(server);
    }
    // Rejections are reported after the microtasks of the turn they happened in.
    await new Promise((r) => setTimeout(r, 300));
    expect(unhandled).toEqual([]);
  });
});
