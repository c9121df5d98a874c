import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CounterPlan, EncounterOutcome } from '@skranke/domain';
import { Service } from './service.entity';
import { Site } from './site.entity';

/** Last number handed out per (site, service, business date): the daily reset is implicit. */
@Entity()
export class NumberSequence {
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @PrimaryColumn({ type: 'uuid' }) serviceId: string;
  @PrimaryColumn({ type: 'date' }) businessDate: string;
  @Column({ type: 'integer' }) lastNumber: number;
}

/**
 * The last event seq handed out at a site. Its own row, not a column of the
 * site: every change at the site locks it until commit (so seqs follow commit
 * order), while every new ticket's foreign key takes a share lock on the site
 * row. On one row the two made PostgreSQL build ever longer multixacts, and
 * 20 kiosks issuing at once spent much of the database's time reading them.
 */
@Entity()
export class SiteEventSeq {
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'site_id' }) site?: Site;
  @Column({ type: 'integer', default: 0 }) lastSeq: number;
}

/** An Idempotency-Key seen on ticket creation, per caller scope, for 24 hours. */
@Entity()
export class IdempotencyKey {
  @PrimaryColumn({ type: 'text' }) scope: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'uuid', nullable: true }) ticketId: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** One triage at the entrance, whether or not it produced a ticket. */
@Entity()
@Index('encounter_site_day', ['siteId', 'businessDate'])
@Check('encounter_outcome', `outcome IN ('resolved-on-spot', 'self-service', 'referred', 'ticket')`)
export class Encounter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @Column({ type: 'date' }) businessDate: string;
  @Column({ type: 'text' }) outcome: EncounterOutcome;
  @Column({ type: 'text', nullable: true }) topic: string | null;
  @Column({ type: 'text', nullable: true }) referralTarget: string | null;
  @Column({ type: 'uuid', nullable: true }) ticketId: string | null;
  @Column({ type: 'uuid' }) userId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export type AppointmentStatus = 'booked' | 'checked-in' | 'served' | 'no-show' | 'cancelled';

/** A booked time for one service (booking: libs/core appointments, migration 1795542000000). At most one contact, never a name. */
@Entity()
@Index('appointment_booking_code', ['siteId', 'bookingCode'], { unique: true })
/** The no-show sweep and retention (migration 1795542300000). */
@Index('appointment_booked_time', ['startsAt'], { where: `status = 'booked'` })
@Index('appointment_contact_held', ['endsAt'], { where: `phone IS NOT NULL OR email IS NOT NULL` })
@Index('appointment_client_key_held', ['createdAt'], { where: `idempotency_key IS NOT NULL OR client_key IS NOT NULL` })
@Index('appointment_manage_token', ['manageToken'], { unique: true, where: `manage_token IS NOT NULL` })
@Index('appointment_service_time', ['serviceId', 'startsAt'])
@Index('appointment_site_time', ['siteId', 'startsAt'])
@Index('appointment_idempotency', ['clientKey', 'idempotencyKey'], { unique: true, where: `idempotency_key IS NOT NULL` })
@Index('appointment_active_phone', ['siteId', 'phone'], { where: `status = 'booked' AND phone IS NOT NULL` })
@Index('appointment_active_email', ['siteId', 'email'], { where: `status = 'booked' AND email IS NOT NULL` })
@Check('appointment_status', `status IN ('booked', 'checked-in', 'served', 'no-show', 'cancelled')`)
@Check('appointment_booked_by', `booked_by IN ('public', 'kiosk', 'staff', 'api')`)
@Check('appointment_cancel_reason', `cancel_reason IN ('citizen', 'staff', 'closure')`)
@Check('appointment_one_contact', `phone IS NULL OR email IS NULL`)
@Check('appointment_ends_after', `ends_at > starts_at`)
export class Appointment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @Column({ type: 'uuid' }) serviceId: string;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text' }) bookingCode: string;
  /** The key of the no-login manage link; null for bookings made by an external system. */
  @Column({ type: 'text', nullable: true }) manageToken: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', default: 'da' }) language: string;
  @Column({ type: 'text', default: 'booked' }) status: AppointmentStatus;
  @Column({ type: 'text', default: 'api' }) bookedBy: 'public' | 'kiosk' | 'staff' | 'api';
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'text', nullable: true }) cancelReason: 'citizen' | 'staff' | 'closure' | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) ticketId: string | null;
  @Column({ type: 'text', nullable: true }) clientKey: string | null;
  @Column({ type: 'text', nullable: true }) idempotencyKey: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** The row every booking of a service's day locks; also that day's share override and closure. */
@Entity()
@Check('appointment_day_share', `share BETWEEN 0 AND 1`)
export class AppointmentDay {
  @PrimaryColumn({ type: 'uuid' }) serviceId: string;
  @ManyToOne(() => Service, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'appointment_day_service_id_fkey' }) service?: Service;
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) } })
  share: number | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) closedReason: string | null;
}

/** The site's counter plan (libs/domain counter-plan.ts), one document per site. */
@Entity('counter_plan')
export class CounterPlanRow {
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'counter_plan_site_id_fkey' }) site?: Site;
  @Column({ type: 'jsonb' }) plan: CounterPlan;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** A wait-target alert; the key makes each alert happen once, however many workers run. */
@Entity()
@Check('wait_alert_kind', `kind IN ('warning', 'breach')`)
export class WaitAlert {
  @PrimaryColumn({ type: 'uuid' }) ticketId: string;
  @PrimaryColumn({ type: 'uuid' }) serviceId: string;
  @PrimaryColumn({ type: 'text' }) kind: 'warning' | 'breach';
  @Column({ type: 'uuid' }) siteId: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) acknowledgedByUserId: string | null;
}

/** Marks a site's business date as closed, so the day close runs once. */
@Entity()
export class DayClose {
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @PrimaryColumn({ type: 'date' }) businessDate: string;
  @Column({ type: 'integer' }) expiredTickets: number;
  @CreateDateColumn({ type: 'timestamptz' }) closedAt: Date;
}
