import Redis from 'ioredis';
import { watchRedis } from './redis-watch';

export const REDIS = Symbol('REDIS');

/** BullMQ needs maxRetriesPerRequest null; the same options suit our other uses. Errors are logged once per outage. */
export function createRedis(url: string, name: string): Redis {
  return watchRedis(new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false }), name);
}
