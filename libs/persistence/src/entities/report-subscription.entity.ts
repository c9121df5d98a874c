import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StaffUser } from './staff-user.entity';

/** A report sent by e-mail on a schedule (migration 1795544800000); aggregates only, run as its owner at each send. */
@Entity()
@Check('report_subscription_frequency', `frequency IN ('daily', 'weekly', 'monthly')`)
@Check('report_subscription_lang', `lang IN ('da', 'en', 'de')`)
@Check('report_subscription_status', `last_status IS NULL OR last_status IN ('sent', 'skipped-empty', 'failed')`)
@Index('report_subscription_due', ['nextRunAt'])
@Index('report_subscription_owner_idx', ['ownerUserId'])
export class ReportSubscription {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'report_subscription_pk' }) id: string;
  @Column({ type: 'uuid' }) ownerUserId: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_user_id', foreignKeyConstraintName: 'report_subscription_owner' })
  owner?: StaffUser;
  @Column({ type: 'text' }) report: string;
  @Column({ type: 'uuid', array: true }) siteIds: string[];
  @Column({ type: 'text' }) frequency: 'daily' | 'weekly' | 'monthly';
  @Column({ type: 'text' }) lang: 'da' | 'en' | 'de';
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'boolean', default: false }) skipWhenEmpty: boolean;
  @Column({ type: 'timestamptz' }) nextRunAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastRunAt: Date | null;
  @Column({ type: 'text', nullable: true }) lastStatus: 'sent' | 'skipped-empty' | 'failed' | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
