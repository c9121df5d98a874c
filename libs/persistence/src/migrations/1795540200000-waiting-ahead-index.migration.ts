import { MigrationInterface, QueryRunner } from 'typeorm';

/** The waiting priority and appointment tickets of a site's day, which call next ranks with the queue heads. */
export class WaitingAheadIndex1795540200000 implements MigrationInterface {
  name = 'WaitingAheadIndex1795540200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ticket_waiting_ahead" ON "ticket"  ("site_id", "business_date") WHERE status = 'waiting' AND (priority > 0 OR appointment_at IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ticket_waiting_ahead"`);
  }
}
