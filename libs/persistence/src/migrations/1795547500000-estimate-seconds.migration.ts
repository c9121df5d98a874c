import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: the estimate a ticket was told is kept in seconds (scored to the
 * second: a certain immediate call is "about now", [0 s, 60 s], not [0, 0]),
 * beside the whole minutes it was shown as, which stay for the receipt and older
 * readers. Tickets from before have their minutes in seconds too, so accuracy
 * reads one set of columns. And each service's range calibration, one row per
 * nightly check (`valid_from`: the business day its factors apply from), so a
 * ticket's range can be scored as shown unscaled by the factors of its day.
 */
export class EstimateSeconds1795547500000 implements MigrationInterface {
  name = 'EstimateSeconds1795547500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ADD COLUMN estimate_seconds integer, ADD COLUMN estimate_low_seconds integer, ADD COLUMN estimate_high_seconds integer`);
    await q.query(`UPDATE ticket SET estimate_seconds = estimate_minutes * 60, estimate_low_seconds = estimate_low * 60, estimate_high_seconds = estimate_high * 60
                   WHERE estimate_minutes IS NOT NULL`);
    await q.query(`CREATE TABLE estimate_calibration (
      service_id uuid NOT NULL CONSTRAINT estimate_calibration_service_id_fkey REFERENCES service(id) ON DELETE CASCADE,
      site_id uuid NOT NULL,
      low_factor double precision NOT NULL,
      high_factor double precision NOT NULL,
      scored integer NOT NULL,
      coverage double precision,
      mae_seconds double precision,
      valid_from date NOT NULL,
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (service_id, valid_from))`);
    await q.query(`CREATE INDEX estimate_calibration_site ON estimate_calibration (site_id, valid_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE estimate_calibration`);
    await q.query(`ALTER TABLE ticket DROP COLUMN estimate_seconds, DROP COLUMN estimate_low_seconds, DROP COLUMN estimate_high_seconds`);
  }
}
