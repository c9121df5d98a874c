import { Check, JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from './site.entity';
import type { DeviceKind } from '@skranke/domain';

/** A kiosk or display. Its long-lived token is stored only as a SHA-256 hash. */
@Entity()
@Check('device_kind', `kind IN ('kiosk', 'display')`)
export class Device {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
  @Column({ type: 'text' }) kind: DeviceKind;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', unique: true }) tokenHash: string;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  /** A kiosk's network receipt printer, host:port (ESC/POS over TCP, usually 9100). */
  @Column({ type: 'text', nullable: true }) printerAddress: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastSeenAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
