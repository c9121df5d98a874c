import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most `smsPerNumberPerDay` SMS to a number, race-free (issue 20): a row that passed the check while it is
 * being sent is stamped `sms_counted_at`, in the same locked step as the count, so a second worker counts it.
 * The index serves that count (per number, sent in the last 24 hours or being sent).
 */
export class SmsDailyAllowance1795543400000 implements MigrationInterface {
  name = 'SmsDailyAllowance1795543400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" ADD "sms_counted_at" timestamptz`);
    await q.query(`CREATE INDEX "notification_sms_contact" ON "notification" ("contact") WHERE channel = 'sms'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."notification_sms_contact"`);
    await q.query(`ALTER TABLE "notification" DROP COLUMN "sms_counted_at"`);
  }
}
