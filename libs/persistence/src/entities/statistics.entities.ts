import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from './site.entity';

/**
 * One site × service × business date of the `stat_ticket` view rolled up (migration 1795544000000): the counts by
 * result and the reliable waits and handling times themselves, in seconds, sorted, so any period's percentiles are exact.
 */
@Entity()
@Index('stat_service_day_date', ['businessDate', 'siteId'])
export class StatServiceDay {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'stat_service_day_pk' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'stat_service_day_site' }) site?: Site;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'stat_service_day_pk' }) serviceId: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'stat_service_day_pk' }) businessDate: string;
  @Column({ type: 'integer' }) arrived: number;
  @Column({ type: 'integer' }) served: number;
  @Column({ type: 'integer' }) noShow: number;
  @Column({ type: 'integer' }) cancelled: number;
  @Column({ type: 'integer' }) leftEarly: number;
  @Column({ type: 'integer' }) expired: number;
  @Column({ type: 'integer' }) open: number;
  @Column({ type: 'integer' }) mistaken: number;
  @Column({ type: 'integer' }) targetWaitSeconds: number;
  @Column({ type: 'integer' }) withinTarget: number;
  @Column({ type: 'integer', array: true }) waits: number[];
  @Column({ type: 'integer', array: true }) handlings: number[];
  @Column({ type: 'timestamptz' }) computedAt: Date;
}

/** A site's business date whose roll-up is final (the day is over and no ticket of it is open). */
@Entity()
export class StatDayDone {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'stat_day_done_pk' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'stat_day_done_site' }) site?: Site;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'stat_day_done_pk' }) businessDate: string;
  @Column({ type: 'timestamptz' }) computedAt: Date;
}
