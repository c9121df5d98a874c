import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting tickets whose citizen asked to be told and has not been yet: what the "turn near" evaluation reads on
 * every estimate refresh of a site (few rows, never a scan of the day's tickets).
 */
export class TurnNearPending1795543200000 implements MigrationInterface {
  name = 'TurnNearPending1795543200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ticket_turn_near_pending" ON "ticket" ("site_id") WHERE status = 'waiting' AND notify_contact IS NOT NULL AND turn_near_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ticket_turn_near_pending"`);
  }
}
