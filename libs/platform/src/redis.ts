import Redis, { RedisOptions } from 'ioredis';
import { watchRedis } from './redis-watch';

export const REDIS = Symbol('REDIS');

/**
 * The app's client, for what requests ask of Redis: during an outage a command
 * fails after one reconnect attempt, so the request gets 503 redis_unavailable
 * instead of hanging. Errors are logged once per outage. BullMQ and the event
 * publisher use copies that wait the outage out (see duplicateRedis).
 */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  return watchRedis(new Redis(url, { maxRetriesPerRequest: 1, enableReadyCheck: true, connectionName: name, lazyConnect: false, ...options }), name);
}
