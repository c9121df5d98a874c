import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Site } from './site.entity';

export const NOTIFICATION_KINDS = ['booking-confirmation', 'booking-reminder', 'booking-moved', 'booking-cancelled', 'turn-near', 'turn-called', 'survey'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_STATES = ['scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * One message to a citizen in the outbox (migration 1795543000000): written by
 * triggers with the change that causes it, sent by the dispatcher when due.
 * `contact` is a phone number, an address or a push subscription (JSON), erased
 * on the retention schedule; `params` holds only what the templates may say.
 */
@Entity()
@Unique('notification_once', ['subjectId', 'kind', 'dueAt'])
@Index('notification_site_due', ['siteId', 'dueAt'])
@Index('notification_due', ['dueAt'], { where: `state IN ('scheduled', 'sending')` })
@Index('notification_provider_ref', ['providerRef'], { where: `provider_ref IS NOT NULL` })
@Index('notification_sms_contact', ['contact'], { where: `channel = 'sms'` })
@Check('notification_subject_kind', `subject_kind IN ('appointment', 'ticket')`)
@Check('notification_kind', `kind IN ('booking-confirmation', 'booking-reminder', 'booking-moved', 'booking-cancelled', 'turn-near', 'turn-called', 'survey')`)
@Check('notification_channel', `channel IN ('email', 'sms', 'push')`)
@Check('notification_state', `state IN ('scheduled', 'sending', 'sent', 'delivered', 'failed', 'cancelled')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'notification_site_id_fkey' }) site?: Site;
  @Column({ type: 'text' }) subjectKind: 'appointment' | 'ticket';
  @Column({ type: 'uuid' }) subjectId: string;
  @Column({ type: 'text' }) kind: NotificationKind;
  @Column({ type: 'text' }) channel: NotificationChannel;
  @Column({ type: 'text', nullable: true }) contact: string | null;
  @Column({ type: 'text', default: 'da' }) language: string;
  @Column({ type: 'jsonb', default: () => `'{}'` }) params: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'text', default: 'scheduled' }) state: NotificationState;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'text', nullable: true }) providerRef: string | null;
  /** An SMS that passed the per-number daily limit and is being sent (counted by other workers until sent or released). */
  @Column({ type: 'timestamptz', nullable: true }) smsCountedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
