import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { UUID_PATTERN, invalid } from '@skranke/domain';
import { REDIS } from '@skranke/platform';

/** Alerts about the room (idle counter, long pause, staffing) are not rows; their ids name what they are about. */
const ROOM_ALERT_ID = new RegExp(`^(idle-counter|long-pause|staffing):${UUID_PATTERN}$`, 'i');

/** Quiet for this long after an acknowledgement; if the condition still holds then, the alert returns as a reminder. */
const QUIET_SECONDS = 30 * 60;

/**
 * Acknowledgements of room alerts, kept in Redis (shared by every instance)
 * with who acknowledged; they expire on their own, so nothing needs cleaning.
 */
@Injectable()
export class RoomAlertAcks {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  private key(siteId: string, alertId: string): string {
    return `${this.config.redisPrefix}:alert-ack:${siteId}:${alertId}`;
  }

  async acknowledge(siteId: string, alertId: string, userId: string) {
    if (!ROOM_ALERT_ID.test(alertId)) throw invalid('invalid_alert_id', 'alertId must be like "idle-counter:<counter id>", "long-pause:<counter id>" or "staffing:<service id>".');
    await this.redis.set(this.key(siteId, alertId), userId, 'EX', QUIET_SECONDS);
    return { alertId, acknowledgedByUserId: userId, quietMinutes: QUIET_SECONDS / 60 };
  }

  /** The ids among `alertIds` that someone has acknowledged recently. */
  async acknowledged(siteId: string, alertIds: string[]): Promise<Set<string>> {
    if (!alertIds.length) return new Set();
    const values = await this.redis.mget(...alertIds.map((id) => this.key(siteId, id)));
    return new Set(alertIds.filter((_, i) => values[i] !== null));
  }
}
