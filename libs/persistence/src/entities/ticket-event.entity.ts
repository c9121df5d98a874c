import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from './site.entity';
import type { EventType } from '@skranke/domain';

/**
 * The append-only log of every change at a site, numbered by `seq` per site.
 * It is the audit trail (who did what, when) and the replay source for `sync`.
 * Payloads hold only what a display may see: never a note or phone number.
 */
@Entity()
@Index('ticket_event_ticket', ['ticketId'])
export class TicketEvent {
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
  @Column({ type: 'text' }) type: EventType;
  @Column({ type: 'uuid', nullable: true }) ticketId: string | null;
  @Column({ type: 'uuid', nullable: true }) counterId: string | null;
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'uuid', nullable: true }) actorDeviceId: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
}
