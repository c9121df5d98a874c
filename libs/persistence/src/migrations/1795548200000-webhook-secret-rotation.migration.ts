import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rotating a webhook's secret (docs/integration.md): the secret before the
 * rotation keeps signing beside the new one until `previous_secret_until`, so
 * the receiving system can switch to the new secret without losing a delivery.
 */
export class WebhookSecretRotation1795548200000 implements MigrationInterface {
  name = 'WebhookSecretRotation1795548200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoint ADD COLUMN previous_secret text, ADD COLUMN previous_secret_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoint DROP COLUMN previous_secret, DROP COLUMN previous_secret_until`);
  }
}
