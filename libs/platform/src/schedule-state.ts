import type Redis from 'ioredis';

/**
 * What a worker's ScheduleReconciler left in Redis after it rebuilt the job
 * schedule there from the database. Redis losing its data loses this key too,
 * which is how the next check knows to rebuild.
 */
export interface ScheduleState {
  rebuiltAt: string;
  jobsRestored: number;
}

export const scheduleKey = (redisPrefix: string) => `${redisPrefix}:schedule`;

/** The last rebuild, `rebuilding`, or `missing` when Redis holds no schedule a worker has checked (lost, or no worker runs). */
export async function readScheduleState(redis: Redis, redisPrefix: string): Promise<ScheduleState | 'rebuilding' | 'missing'> {
  const raw = await redis.get(scheduleKey(redisPrefix));
  if (!raw) return 'missing';
  const state = JSON.parse(raw) as ScheduleState | { rebuilding: true };
  return 'rebuilding' in state ? 'rebuilding' : state;
}
