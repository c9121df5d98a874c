import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Site } from './site.entity';

export const WEBHOOK_DELIVERY_STATES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** A URL subscribed to event types of one site (migration 1795545000000); `cursorSeq`: the last seq given deliveries. */
@Entity()
@Index('webhook_endpoint_site', ['siteId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'webhook_endpoint_site_id_fkey' }) site?: Site;
  @Column({ type: 'text' }) url: string;
  @Column({ type: 'text', array: true }) events: string[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** `whsec_<base64>`: the key deliveries are signed with. */
  @Column({ type: 'text' }) secret: string;
  /** The secret before the last rotation: deliveries are signed with it too until `previousSecretUntil` (migration 1795548200000). */
  @Column({ type: 'text', nullable: true }) previousSecret: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretUntil: Date | null;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'text', nullable: true }) disabledReason: string | null;
  @Column({ type: 'integer', default: 0 }) cursorSeq: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** One event for one endpoint: sent, retried on the schedule, or failed; replay makes it due again. */
@Entity()
@Unique('webhook_delivery_once', ['endpointId', 'seq'])
@Index('webhook_delivery_due', ['nextAttemptAt'], { where: `state IN ('pending', 'sending')` })
@Index('webhook_delivery_finished', ['createdAt'], { where: `state IN ('delivered', 'failed')` })
@Check('webhook_delivery_state', `state IN ('pending', 'sending', 'delivered', 'failed')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) endpointId: string;
  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'webhook_delivery_endpoint_id_fkey' }) endpoint?: WebhookEndpoint;
  @Column({ type: 'uuid' }) siteId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text', default: 'pending' }) state: WebhookDeliveryState;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  @Column({ type: 'integer', nullable: true }) lastStatus: number | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastAttemptAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
