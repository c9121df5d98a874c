import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/** BullMQ needs maxRetriesPerRequest null; the same options suit our other uses. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
}
