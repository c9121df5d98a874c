import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Service } from './service.entity';

/**
 * A service's wait-range calibration (issue 23, libs/domain range-calibration.ts):
 * the factors each side of the shown p10–p90 is scaled by from `validFrom` (until a
 * later row), and the figures of the nightly check that set them (the last 14 days'
 * shown ranges against the real waits). One row per service and night.
 */
@Entity()
@Index('estimate_calibration_site', ['siteId', 'validFrom'])
export class EstimateCalibration {
  @PrimaryColumn({ type: 'uuid' }) serviceId: string;
  @PrimaryColumn({ type: 'date' }) validFrom: string;
  @ManyToOne(() => Service, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'estimate_calibration_service_id_fkey' }) service?: Service;
  @Column({ type: 'uuid' }) siteId: string;
  @Column({ type: 'double precision' }) lowFactor: number;
  @Column({ type: 'double precision' }) highFactor: number;
  /** Scored tickets of the window, and their coverage and mean absolute error as shown (before these factors). */
  @Column({ type: 'integer' }) scored: number;
  @Column({ type: 'double precision', nullable: true }) coverage: number | null;
  @Column({ type: 'double precision', nullable: true }) maeSeconds: number | null;
  @Column({ type: 'timestamptz' }) computedAt: Date;
}
