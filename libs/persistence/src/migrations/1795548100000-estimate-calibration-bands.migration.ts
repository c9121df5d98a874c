import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Range factors by the band of the told point (libs/domain calibration-bands.ts): one
 * row per service, nightly check and band (`point_from_seconds`: the band's lower end)
 * that had enough scored tickets of its own. A band without a row is shown with the
 * check's factors of the whole service (its `estimate_calibration` row). The rows go
 * with their check: a rerun the same night replaces them.
 */
export class EstimateCalibrationBands1795548100000 implements MigrationInterface {
  name = 'EstimateCalibrationBands1795548100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE estimate_calibration_band (
      service_id uuid NOT NULL,
      valid_from date NOT NULL,
      point_from_seconds integer NOT NULL,
      low_factor double precision NOT NULL,
      high_factor double precision NOT NULL,
      scored integer NOT NULL,
      coverage double precision,
      mae_seconds double precision,
      PRIMARY KEY (service_id, valid_from, point_from_seconds),
      CONSTRAINT estimate_calibration_band_point_from CHECK (point_from_seconds >= 0),
      CONSTRAINT estimate_calibration_band_check_fkey FOREIGN KEY (service_id, valid_from)
        REFERENCES estimate_calibration (service_id, valid_from) ON DELETE CASCADE)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE estimate_calibration_band`);
  }
}
