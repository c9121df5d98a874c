import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { settleSinks } from '@skranke/core';
import { REDIS, watchRedis } from '@skranke/platform';
import { QueueName } from './queue-names';

/** One BullMQ Queue per name for this process, sharing the app's Redis connection options. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  /** BullMQ does not close a connection it was given: these are quit after their queues close. */
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // Adding a job waits for Redis during an outage rather than fail (a change's wait timers are added after its commit).
      const connection = this.redis.duplicate({ maxRetriesPerRequest: null });
      queue = new Queue(name, { connection, prefix: this.config.redisPrefix + ':bull' });
      watchRedis(connection, `${this.redis.options.connectionName}/queue:${name}`, queue);
      this.connections.push(connection);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown() {
    // Wait timers of changes that just committed are still being scheduled.
    await settleSinks();
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }
}
