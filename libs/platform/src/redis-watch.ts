import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

interface ErrorSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

const logger = new Logger('Redis');
/** How many connections of each name this process has, so each logs under a name of its own. */
const named = new Map<string, number>();

/**
 * Gives a Redis client an error handler that logs through the app's logger
 * once per change of state: one warning with the error's code when the
 * connection is lost, one line when it is back. Without a handler ioredis
 * prints every failed reconnect to stderr ("Unhandled error event"), outside
 * the JSON log and LOG_LEVEL. `alsoFrom` takes the errors of whatever uses the
 * client (a BullMQ Queue or Worker re-emits them, and its own blocking
 * connection's): they count towards the same state.
 */
export function watchRedis<T extends Redis>(client: T, connection: string, ...alsoFrom: ErrorSource[]): T {
  const n = (named.get(connection) ?? 0) + 1;
  named.set(connection, n);
  const name = n === 1 ? connection : `${connection}#${n}`;
  let down = false;
  const lost = (err: Error) => {
    if (down) return;
    if (client.status === 'ready' && !isConnectionError(err)) {
      logger.error(`${name}: ${err.message}`);
      return;
    }
    down = true;
    logger.warn(`Redis connection ${name} lost (${(err as NodeJS.ErrnoException).code ?? err.message})`);
  };
  client.on('error', lost);
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log(`Redis connection ${name} is back`);
  });
  for (const source of alsoFrom) source.on('error', lost);
  return client;
}

/**
 * A copy of the app's client on a connection of its own, watched under its own
 * name, whose commands wait for Redis to come back instead of failing (what
 * BullMQ requires, and what publishers that nobody waits for want).
 */
export function duplicateRedis(redis: Redis, name: string): Redis {
  return watchRedis(redis.duplicate({ maxRetriesPerRequest: null }), name);
}

/** Errors of a connection rather than of a command: the server went away or cannot be reached. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(e.code)) return true;
  return e.name === 'MaxRetriesPerRequestError' || (typeof e.message === 'string' && /Connection is closed|enableOfflineQueue|Command timed out|Socket closed unexpectedly/.test(e.message));
}
