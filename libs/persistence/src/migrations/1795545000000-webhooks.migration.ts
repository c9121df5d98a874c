import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue 22): an endpoint subscribes a URL to event types of one site;
 * `cursor_seq` is the last seq of the site's event log it has been given
 * deliveries for. A delivery is one (endpoint, event): unique, so reading the
 * log again never makes a second; its payload is built from the event row when
 * it is sent (the log is append-only). See docs/integration.md.
 */
export class Webhooks1795545000000 implements MigrationInterface {
  name = 'Webhooks1795545000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_endpoint (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      site_id uuid NOT NULL CONSTRAINT webhook_endpoint_site_id_fkey REFERENCES site(id) ON DELETE CASCADE,
      url text NOT NULL,
      events text[] NOT NULL,
      description text,
      secret text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      cursor_seq integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX webhook_endpoint_site ON webhook_endpoint (site_id)`);
    await q.query(`CREATE TABLE webhook_delivery (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      endpoint_id uuid NOT NULL CONSTRAINT webhook_delivery_endpoint_id_fkey REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
      site_id uuid NOT NULL,
      seq integer NOT NULL,
      type text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CONSTRAINT webhook_delivery_state CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_until timestamptz,
      last_status integer,
      last_error text,
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT webhook_delivery_once UNIQUE (endpoint_id, seq))`);
    await q.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_delivery');
    await q.query('DROP TABLE webhook_endpoint');
  }
}
