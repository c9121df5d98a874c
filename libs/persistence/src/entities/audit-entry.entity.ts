import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One security-relevant act: who (actor), what (action), to what (subject),
 * where (site), when. No foreign keys: the trail outlives the users, devices
 * and sites it names. Details never hold a password, token or CPR number.
 */
@Entity()
@Index('audit_entry_site_at', ['siteId', 'at'])
@Index('audit_entry_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  /** 'user', 'device', 'citizen', 'system' or 'anonymous' (e.g. someone trying to log in). */
  @Column({ type: 'text' }) actorKind: string;
  /** The user's or device's id. */
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  /** Readable at the time: the username, a system job's reason, a client address. */
  @Column({ type: 'text', nullable: true }) actorLabel: string | null;
  /** Dotted, e.g. `login.locked`, `login.unlocked`. */
  @Column({ type: 'text' }) action: string;
  /** e.g. 'user', 'ticket', 'counter', 'site', 'address'. */
  @Column({ type: 'text', nullable: true }) subjectType: string | null;
  @Column({ type: 'text', nullable: true }) subjectId: string | null;
  @Column({ type: 'uuid', nullable: true }) siteId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
}
