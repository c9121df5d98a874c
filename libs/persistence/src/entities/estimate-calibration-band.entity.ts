import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EstimateCalibration } from './estimate-calibration.entity';

/**
 * A nightly check's range factors for one band of the told point (libs/domain
 * calibration-bands.ts), where the band had enough scored tickets of its own; a band
 * without a row is shown with its check's factors of the whole service.
 */
@Entity()
@Check('estimate_calibration_band_point_from', `point_from_seconds >= 0`)
export class EstimateCalibrationBand {
  @PrimaryColumn({ type: 'uuid' }) serviceId: string;
  @PrimaryColumn({ type: 'date' }) validFrom: string;
  /** The band's lower end: points told from this many seconds (up to the next band's). */
  @PrimaryColumn({ type: 'integer' }) pointFromSeconds: number;
  @ManyToOne(() => EstimateCalibration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'service_id', referencedColumnName: 'serviceId', foreignKeyConstraintName: 'estimate_calibration_band_check_fkey' },
    { name: 'valid_from', referencedColumnName: 'validFrom' },
  ])
  check?: EstimateCalibration;
  @Column({ type: 'double precision' }) lowFactor: number;
  @Column({ type: 'double precision' }) highFactor: number;
  /** The band's scored tickets of the window, and their coverage and mean absolute error as shown. */
  @Column({ type: 'integer' }) scored: number;
  @Column({ type: 'double precision', nullable: true }) coverage: number | null;
  @Column({ type: 'double precision', nullable: true }) maeSeconds: number | null;
}
