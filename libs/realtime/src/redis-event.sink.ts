import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { EventSink, SiteEvent } from '@skranke/core';
import { REDIS } from '@skranke/platform';
import { rooms, socketKey } from './rooms';

export function toWire(e: SiteEvent, payload: Record<string, unknown>) {
  return { ...payload, seq: e.seq, siteId: e.siteId, at: e.at, type: e.type };
}

/**
 * Fans committed events out to socket.io clients on every counter-display
 * instance through Redis, from any app. Staff rooms get the staff payload;
 * display and ticket rooms the public one.
 */
@Injectable()
export class RedisEventSink implements EventSink, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(SKRANKE_CONFIG) config: SkrankeConfig) {
    // A change's publishes (two per event) leave in one write instead of one each: on a busy
    // 2-core machine every write to a local socket costs the event loop a wake-up of Redis.
    this.redis = redis.duplicate({ enableAutoPipelining: true });
    this.emitter = new Emitter(this.redis, { key: socketKey(config.redisPrefix) });
  }

  async handle(events: SiteEvent[]): Promise<void> {
    for (const e of events) {
      const pub = toWire(e, e.payload);
      const staff = toWire(e, e.staffPayload ?? e.payload);
      // One publish per payload, to all its rooms: every instance's adapter decodes each publish.
      const publicRooms = [rooms.display(e.siteId)];
      if (e.type === 'queue.changed') publicRooms.push(rooms.queue(e.siteId));
      else if (e.ticketId && e.type.startsWith('ticket.')) publicRooms.push(rooms.ticket(e.ticketId));
      this.emitter.to(publicRooms).emit(e.type, pub);
      this.emitter.to([rooms.floor(e.siteId), rooms.counter(e.siteId)]).emit(e.type, staff);
    }
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}
