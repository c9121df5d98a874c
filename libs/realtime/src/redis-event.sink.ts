import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { EventSink, SiteEvent, publicPayload } from '@skranke/core';
import { REDIS, duplicateRedis } from '@skranke/platform';
import { rooms, socketKey } from './rooms';

export function toWire(e: SiteEvent, payload: Record<string, unknown>) {
  return { ...payload, seq: e.seq, siteId: e.siteId, at: e.at, type: e.type };
}

/**
 * Fans committed events out to socket.io clients on every counter-display
 * instance through Redis, from any app. Staff rooms get the staff payload;
 * display and ticket rooms the allow-listed public one (public-views.ts).
 */
@Injectable()
export class RedisEventSink implements EventSink, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;

  /** The publishes of the change being handled, sent together at its end. */
  private batch: [channel: string, message: Buffer][] = [];

  constructor(@Inject(REDIS) redis: Redis, @Inject(SKRANKE_CONFIG) config: SkrankeConfig) {
    this.redis = duplicateRedis(redis, `${redis.options.connectionName}/events`);
    // The emitter encodes each event for its rooms and "publishes" it into the batch.
    const collect = { publish: (channel: string, message: Buffer) => this.batch.push([channel, message]) };
    this.emitter = new Emitter(collect, { key: socketKey(config.redisPrefix) });
  }

  /**
   * A change's publishes (one per payload of each event) leave in one write, at once: on a busy 2-core
   * machine every write to a local socket costs the event loop a wake-up of Redis, and
   * written now they are on their way before the answer to whoever made the change.
   */
  async handle(events: SiteEvent[]): Promise<void> {
    this.publishAll(events);
    const batch = this.batch;
    this.batch = [];
    const pipeline = this.redis.pipeline();
    for (const [channel, message] of batch) pipeline.publish(channel, message);
    await pipeline.exec();
  }

  private publishAll(events: SiteEvent[]): void {
    for (const e of events) {
      // One publish per payload, to all its rooms: every instance's adapter decodes each publish.
      const publicRooms = [rooms.display(e.siteId)];
      if (e.type === 'queue.changed') publicRooms.push(rooms.queue(e.siteId));
      else if (e.ticketId && e.type.startsWith('ticket.')) publicRooms.push(rooms.ticket(e.ticketId));
      const staffRooms = [rooms.floor(e.siteId), rooms.counter(e.siteId)];
      const shown = publicPayload(e.type, e.payload);
      if (!e.staffPayload && JSON.stringify(shown) === JSON.stringify(e.payload)) {
        // Staff see nothing more of this event (a queue change): one publish for everyone.
        this.emitter.to([...publicRooms, ...staffRooms]).emit(e.type, toWire(e, shown));
        continue;
      }
      // A socket on a staff channel too gets the staff payload only, as its `sync` does.
      this.emitter.to(publicRooms).except(staffRooms).emit(e.type, toWire(e, shown));
      this.emitter.to(staffRooms).emit(e.type, toWire(e, e.staffPayload ?? e.payload));
    }
  }

  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}
