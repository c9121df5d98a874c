import { Check, JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from './site.entity';
import type { CounterKind, CounterState } from '@skranke/domain';

@Entity()
@Index('counter_site_name', ['siteId', 'name'], { unique: true })
@Check('counter_kind', `kind IN ('counter', 'desk', 'assisted-self-service')`)
@Check('counter_state', `state IN ('open', 'paused', 'closed')`)
@Check('counter_seats', `seats BETWEEN 1 AND 12`)
export class Counter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: CounterKind;
  @Column({ type: 'integer', default: 1 }) seats: number;
  /** The services this counter calls, in its order of preference. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` }) serviceIds: string[];
  @Column({ type: 'text', default: 'closed' }) state: CounterState;
  @Column({ type: 'text', nullable: true }) pauseReason: string | null;
  /** Paused: when the counter expects to call again (the pause's expected length); null: not said. */
  @Column({ type: 'timestamptz', nullable: true }) pausedUntil: Date | null;
  @Column({ type: 'uuid', nullable: true }) staffUserId: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) stateChangedAt: Date;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
