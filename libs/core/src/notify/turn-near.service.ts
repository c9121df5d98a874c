import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shouldSendTurnNear, turnNearBuffer } from '@skranke/domain';

/**
 * "Your turn is near" (issue 20): evaluated on every estimate refresh of a site
 * (WaitEstimatesService.compute), against the low end every page shows (or,
 * while the counters serving the ticket are paused, the estimator's own). The
 * waiting citizens who asked and were not told yet come from a small partial
 * index; the rule is `shouldSendTurnNear`; one statement then stamps
 * `turn_near_at` on every due ticket and writes their outbox rows, so the latch
 * and the message are one change, and a ticket called, left or ended meanwhile
 * (no longer waiting) gets nothing. A's dispatcher sends the rows.
 */
@Injectable()
export class TurnNearService {
  private readonly logger = new Logger('TurnNear');

  constructor(private readonly dataSource: DataSource) {}

  /** Writes "turn near" for the site's due tickets; returns their ids. Never throws: the next refresh tries again. */
  async evaluate(siteId: string, lowEnds: ReadonlyMap<string, number>, now: Date): Promise<string[]> {
    try {
      if (lowEnds.size === 0) return [];
      const asked: { id: string; settings: unknown }[] = await this.dataSource.query(
        `SELECT t.id, s.settings FROM ticket t JOIN site s ON s.id = t.site_id
          WHERE t.site_id = $1 AND t.status = 'waiting' AND t.notify_contact IS NOT NULL AND t.turn_near_at IS NULL`,
        [siteId],
      );
      const due = asked.filter((t) => shouldSendTurnNear(lowEnds.get(t.id), turnNearBuffer(t.settings), false)).map((t) => t.id);
      if (!due.length) return [];
      const written: { id: string }[] = await this.dataSource.query(
        `WITH due AS (
           UPDATE ticket SET turn_near_at = $3
            WHERE site_id = $1 AND id = ANY($2::uuid[]) AND status = 'waiting' AND notify_contact IS NOT NULL AND turn_near_at IS NULL
            RETURNING id, site_id, number, service_id, notify_channel, notify_contact, language)
         INSERT INTO notification (site_id, subject_kind, subject_id, kind, channel, contact, language, params, due_at)
         SELECT site_id, 'ticket', id, 'turn-near', notify_channel, notify_contact, language,
                jsonb_build_object('number', number, 'serviceId', service_id), $3
           FROM due
         ON CONFLICT DO NOTHING
         RETURNING subject_id AS id`,
        [siteId, due, now],
      );
      return written.map((r) => r.id);
    } catch (e) {
      this.logger.warn(`turn-near evaluation of site ${siteId} failed: ${e}`);
      return [];
    }
  }
}
