import { Check, JoinColumn, ManyToOne, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Counter } from './counter.entity';
import { Service } from './service.entity';
import { Site } from './site.entity';
import type { Channel, HelpMode, Outcome, TicketStatus } from '@skranke/domain';

@Entity()
@Check('ticket_status', `status IN ('waiting', 'called', 'in-service', 'finished', 'no-show', 'cancelled', 'expired')`)
@Check('ticket_channel', `channel IN ('kiosk', 'floor', 'appointment', 'api')`)
@Check('ticket_outcome', `outcome IS NULL OR outcome IN ('resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up')`)
@Check('ticket_help_mode', `help_mode IS NULL OR help_mode IN ('advice', 'motivation', 'problem-solving', 'instruction')`)
@Check('ticket_notify_channel', `notify_channel IN ('email', 'sms', 'push')`)
@Check('ticket_seat_when_active', `status NOT IN ('called', 'in-service') OR (counter_id IS NOT NULL AND seat IS NOT NULL)`)
// Numbers are handed out per (site, service at issue, business date): never twice.
@Index('ticket_number_per_day', ['siteId', 'issuedServiceId', 'businessDate', 'sequence'], { unique: true })
// At most one citizen at a counter seat at a time.
@Index('ticket_one_active_per_seat', ['counterId', 'seat'], { unique: true, where: `status IN ('called', 'in-service')` })
// The hot query: waiting tickets of a site's day, per service.
@Index('ticket_waiting_queue', ['siteId', 'businessDate', 'serviceId', 'orderedAt'], { where: `status = 'waiting'` })
// The few waiting tickets that may jump the line (priority, appointment): the claim ranks them with the heads.
@Index('ticket_waiting_ahead', ['siteId', 'businessDate'], { where: `status = 'waiting' AND (priority > 0 OR appointment_at IS NOT NULL)` })
@Index('ticket_site_day', ['siteId', 'businessDate'])
@Index('ticket_retention', ['endedAt'], { where: `note IS NOT NULL OR phone IS NOT NULL OR cardinality(flags) > 0` })
// Receipt prints not yet done or failed, which the ScheduleReconciler settles.
@Index('ticket_print_pending', ['issuedAt'], { where: `print_status = 'pending'` })
// Citizens who asked to be told when their turn is near and have not been yet (issue 20).
@Index('ticket_turn_near_pending', ['siteId'], { where: `status = 'waiting' AND notify_contact IS NOT NULL AND turn_near_at IS NULL` })
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
  /** The service the citizen is queued for now; changes on transfer. */
  @Column({ type: 'uuid' }) serviceId: string;
  @ManyToOne(() => Service, { onDelete: 'RESTRICT' }) @JoinColumn() service?: Service;
  /** The service that handed out the number; never changes. */
  @Column({ type: 'uuid' }) issuedServiceId: string;
  @Column({ type: 'date' }) businessDate: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text', default: 'waiting' }) status: TicketStatus;
  @Column({ type: 'smallint', default: 0 }) priority: number;
  @Column({ type: 'text' }) channel: Channel;
  @Column({ type: 'text', default: 'da' }) language: string;
  @Column({ type: 'uuid', nullable: true }) appointmentId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) appointmentAt: Date | null;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  /** Its place in the current queue: issue time, or the transfer placement. */
  @Column({ type: 'timestamptz' }) orderedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) calledAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'text', nullable: true }) endReason: string | null;
  @Column({ type: 'uuid', nullable: true }) counterId: string | null;
  @ManyToOne(() => Counter, { onDelete: 'SET NULL' }) @JoinColumn() counter?: Counter;
  @Column({ type: 'smallint', nullable: true }) seat: number | null;
  @Column({ type: 'uuid', nullable: true }) servedByUserId: string | null;
  @Column({ type: 'integer', default: 0 }) recallCount: number;
  @Column({ type: 'integer', default: 0 }) transferCount: number;
  @Column({ type: 'text', nullable: true }) outcome: Outcome | null;
  @Column({ type: 'text', nullable: true }) helpMode: HelpMode | null;
  // Personal fields: shown to counter and floor staff only, erased on the retention schedule.
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) flags: string[];
  @Column({ type: 'text', nullable: true }) phone: string | null;
  /** The citizen asked from the ticket page to be told (issue 20): channel, contact (a number, an address or a push subscription) and when "turn near" went out. */
  @Column({ type: 'text', nullable: true }) notifyChannel: 'email' | 'sms' | 'push' | null;
  @Column({ type: 'text', nullable: true }) notifyContact: string | null;
  @Column({ type: 'timestamptz', nullable: true }) turnNearAt: Date | null;
  @Column({ type: 'text', unique: true }) trackingToken: string;
  /**
   * The estimate told when the ticket was issued, kept to measure our own accuracy: in seconds (what is scored,
   * libs/domain shown-estimate.ts) and in the whole minutes a page shows it as (the receipt; older readers).
   */
  @Column({ type: 'integer', nullable: true }) estimateMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) estimateLow: number | null;
  @Column({ type: 'integer', nullable: true }) estimateHigh: number | null;
  @Column({ type: 'integer', nullable: true }) estimateSeconds: number | null;
  @Column({ type: 'integer', nullable: true }) estimateLowSeconds: number | null;
  @Column({ type: 'integer', nullable: true }) estimateHighSeconds: number | null;
  @Column({ type: 'text', nullable: true }) printStatus: 'pending' | 'printed' | 'failed' | null;
  @Column({ type: 'uuid', nullable: true }) issuedByUserId: string | null;
  @Column({ type: 'uuid', nullable: true }) issuedByDeviceId: string | null;
}
