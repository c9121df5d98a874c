import { MigrationInterface, QueryRunner } from 'typeorm';

/** The prints still pending, which the ScheduleReconciler looks at every minute: few rows, never a scan of the day's tickets. */
export class PrintPendingIndex1795540800000 implements MigrationInterface {
  name = 'PrintPendingIndex1795540800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ticket_print_pending" ON "ticket" ("issued_at") WHERE print_status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ticket_print_pending"`);
  }
}
