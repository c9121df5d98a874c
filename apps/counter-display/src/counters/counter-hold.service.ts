import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Actor, AuditLog, Clock } from '@skranke/core';
import { conflict, forbidden, notFound } from '@skranke/domain';
import { REDIS } from '@skranke/platform';
import { rooms, socketKey } from '@skranke/realtime';

export interface CounterHold {
  counterId: string;
  userId: string;
  userName: string;
  since: string;
}

/** The refusal a page shows as "Skranke 3 bruges af <navn>". */
const heldBy = (counterName: string, hold: { userId: string; userName: string }) =>
  conflict('counter_held', `${counterName} is in use by ${hold.userName}; take it over to work at it.`, { userName: hold.userName, counterName });

/**
 * Who works at a counter (table `counter_hold`, one row per held counter).
 * Taking it is one transaction around the row's lock, so of two staff opening
 * the same counter at once exactly one holds it; the other is refused
 * `counter_held` (with the holder's name) and may take it over, which is
 * audited and told to the one who held it on every socket of theirs at once.
 * The counter's actions check the hold inside their own statement
 * (`skranke_hold_guard`, migration 1795541110000).
 */
@Injectable()
export class CounterHoldService {
  private readonly logger = new Logger('CounterHold');
  private readonly emitter: Emitter;
  private outbox: [channel: string, message: string | Buffer][] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) config: SkrankeConfig,
  ) {
    const collect = { publish: (channel: string, message: string | Buffer) => this.outbox.push([channel, message]) };
    this.emitter = new Emitter(collect, { key: socketKey(config.redisPrefix) });
  }

  /** Takes the counter for the actor (or keeps it); `takeover` moves another's hold to them. */
  async take(siteId: string, counterId: string, actor: Actor, takeover: boolean): Promise<CounterHold> {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Only a signed-in staff member can hold a counter.');
    const now = this.clock.now();
    const { hold, previous, counterName } = await this.dataSource.transaction(async (tx) => {
      const [counter] = await tx.query(`SELECT name FROM counter WHERE id = $1 AND site_id = $2 AND active`, [counterId, siteId]);
      if (!counter) throw notFound('counter_not_found', 'No counter with that id.');
      // The row exists from here on; its lock decides between two staff taking it at once.
      await tx.query(`INSERT INTO counter_hold (counter_id, user_id, since) VALUES ($1, $2, $3) ON CONFLICT (counter_id) DO NOTHING`, [counterId, actor.userId, now]);
      const [row] = await tx.query(
        `SELECT h.user_id, h.since, u.display_name FROM counter_hold h JOIN staff_user u ON u.id = h.user_id WHERE h.counter_id = $1 FOR UPDATE OF h`,
        [counterId],
      );
      const current = { userId: row.user_id as string, userName: row.display_name as string, since: new Date(row.since) };
      if (current.userId === actor.userId) return { hold: current, previous: null, counterName: counter.name as string };
      if (!takeover) throw heldBy(counter.name, current);
      await tx.query(`UPDATE counter_hold SET user_id = $2, since = $3 WHERE counter_id = $1`, [counterId, actor.userId, now]);
      const [me] = await tx.query(`SELECT display_name FROM staff_user WHERE id = $1`, [actor.userId]);
      await this.audit.record(
        {
          action: 'counter.taken_over',
          actor,
          subject: { type: 'counter', id: counterId },
          siteId,
          details: { counterName: counter.name, fromUserId: current.userId, fromUserName: current.userName },
        },
        tx,
      );
      return { hold: { userId: actor.userId, userName: me.display_name as string, since: now }, previous: current, counterName: counter.name as string };
    });
    if (previous) await this.tell(previous.userId, { counterId, counterName, userName: hold.userName });
    return { counterId, userId: hold.userId, userName: hold.userName, since: hold.since.toISOString() };
  }

  /** Lets go of the counter (log-out, another counter chosen); another's hold stays. */
  async release(counterId: string, actor: Actor): Promise<void> {
    if (actor.kind !== 'user') return;
    await this.dataSource.query(`DELETE FROM counter_hold WHERE counter_id = $1 AND user_id = $2`, [counterId, actor.userId]);
  }

  async holderOf(counterId: string): Promise<CounterHold | null> {
    const [row] = await this.dataSource.query(
      `SELECT h.user_id, h.since, u.display_name FROM counter_hold h JOIN staff_user u ON u.id = h.user_id WHERE h.counter_id = $1`,
      [counterId],
    );
    return row ? { counterId, userId: row.user_id, userName: row.display_name, since: new Date(row.since).toISOString() } : null;
  }

  /** The one who held it hears at once (every socket of theirs), so their page shows who took over. */
  private async tell(userId: string, notice: { counterId: string; counterName: string; userName: string }): Promise<void> {
    this.emitter.to(rooms.actor('user', userId)).emit('counter.taken-over', notice);
    const outbox = this.outbox;
    this.outbox = [];
    try {
      await Promise.all(outbox.map(([channel, message]) => this.redis.publish(channel, message)));
    } catch (e) {
      // The takeover stands; their page learns it at its next refresh or action (refused `counter_held`).
      this.logger.warn(`could not tell ${userId} of the takeover: ${(e as Error).message}`);
    }
  }
}
