import { Check, JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from './site.entity';

export type ServiceNames = { da: string; en: string; de: string } & Record<string, string>;

@Entity()
@Index('service_site_code', ['siteId', 'code'], { unique: true })
@Index('service_site_prefix', ['siteId', 'prefix'], { unique: true })
@Check('service_target_positive', `target_wait_minutes > 0 AND service_level_percent BETWEEN 1 AND 100`)
@Check('service_prefix_format', `prefix ~ '^[A-Z]{1,3}$'`)
@Check('service_appointment_minutes', `appointment_minutes BETWEEN 5 AND 240`)
@Check('service_min_notice', `min_notice_minutes BETWEEN 0 AND 20160`)
@Check('service_max_days_ahead', `max_days_ahead BETWEEN 1 AND 366`)
@Check('service_cancel_cutoff', `cancel_cutoff_minutes BETWEEN 0 AND 20160`)
@Check('service_booking_share', `booking_share BETWEEN 0 AND 1`)
export class Service {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) prefix: string;
  @Column({ type: 'jsonb' }) names: ServiceNames;
  @Column({ type: 'integer' }) targetWaitMinutes: number;
  @Column({ type: 'integer' }) serviceLevelPercent: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Most tickets per business date; null means no cap. */
  @Column({ type: 'integer', nullable: true }) dailyCap: number | null;
  /** Optional group on the kiosk's first screen (at most two levels). */
  @Column({ type: 'text', nullable: true }) groupName: string | null;
  @Column({ type: 'integer', default: 0 }) sortOrder: number;
  /** Citizens may book a time for it (migration 1795542000000). */
  @Column({ type: 'boolean', default: false }) bookable: boolean;
  /** A booking's length as set; null: the measured p80 handling time (measuredAppointmentMinutes, refreshed nightly). */
  @Column({ type: 'integer', nullable: true }) appointmentMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) measuredAppointmentMinutes: number | null;
  @Column({ type: 'integer', default: 60 }) minNoticeMinutes: number;
  @Column({ type: 'integer', default: 30 }) maxDaysAhead: number;
  @Column({ type: 'integer', default: 120 }) cancelCutoffMinutes: number;
  /** The booking share set for every day; null: computed from the walk-in forecast and target. */
  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  bookingShare: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
