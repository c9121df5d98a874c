import { MigrationInterface, QueryRunner } from 'typeorm';

/** The webhook delivery log is pruned by age (WEBHOOK_LOG_DAYS): finished deliveries by when they were made. */
export class WebhookDeliveryAge1795545100000 implements MigrationInterface {
  name = 'WebhookDeliveryAge1795545100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX webhook_delivery_finished ON webhook_delivery (created_at) WHERE state IN ('delivered', 'failed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX webhook_delivery_finished');
  }
}
