import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { EvictionTarget, SocketEviction } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { REDIS } from '@skranke/platform';
import { rooms, socketKey } from './rooms';

const roomOf = (t: EvictionTarget) => (t.kind === 'token' ? rooms.token(t.id) : rooms.actor(t.kind, t.id));

/**
 * Closes sockets on every hub instance through the socket.io Redis adapter's
 * request channel (`disconnectSockets`), from any app. The hub put each socket
 * in its user's or device's room and its token's room when it connected.
 */
@Injectable()
export class RedisSocketEviction extends SocketEviction {
  private readonly logger = new Logger('SocketEviction');
  private readonly emitter: Emitter;
  /** The emitter "publishes" into this, so the publish can be awaited and its failure caught. */
  private outbox: [channel: string, message: string | Buffer][] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) config: SkrankeConfig,
  ) {
    super();
    const collect = { publish: (channel: string, message: string | Buffer) => this.outbox.push([channel, message]) };
    this.emitter = new Emitter(collect, { key: socketKey(config.redisPrefix) });
  }

  async disconnect(...targets: EvictionTarget[]): Promise<void> {
    if (!targets.length) return;
    this.emitter.in(targets.map(roomOf)).disconnectSockets(true);
    const outbox = this.outbox;
    this.outbox = [];
    try {
      await Promise.all(outbox.map(([channel, message]) => this.redis.publish(channel, message)));
    } catch (e) {
      // The change stands (tokens are checked on every request, subscribe and sync); only the live cut-off failed.
      this.logger.warn(`could not close sockets of ${targets.map(roomOf).join(', ')}: ${(e as Error).message}`);
    }
  }
}
