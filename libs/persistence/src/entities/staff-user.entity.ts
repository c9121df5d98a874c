import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from './site.entity';
import type { Role } from '@skranke/domain';

@Entity()
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) displayName: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** The installation's administrator (the bootstrap one): admin of every site in every municipality. */
  @Column({ type: 'boolean', default: false }) superAdmin: boolean;
  /** Raised to end every token of the user at once (deactivation, a new password): a token is valid only with the value it was signed with. */
  @Column({ type: 'integer', default: 0 }) tokenEpoch: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity()
@Check('staff_role_name', `role IN ('admin', 'supervisor', 'floor', 'counter', 'reports', 'integration')`)
export class StaffRole {
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'uuid' }) siteId: string;
  @PrimaryColumn({ type: 'text' }) role: Role;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn() user?: StaffUser;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn() site?: Site;
}

/** A staff token ended before its time (logout), kept until it would have expired anyway. */
@Entity()
export class EndedToken {
  /** The token's `jti` claim. */
  @PrimaryColumn({ type: 'uuid' }) jti: string;
  @Column({ type: 'uuid' }) userId: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn() user?: StaffUser;
  @Index() @Column({ type: 'timestamptz' }) expiresAt: Date;
}

/**
 * A municipality administrator: admin of every site whose municipality has this
 * slug (municipalitySlug, so "Aarhus Kommune" and "aarhus kommune" are one),
 * sites created later included; creates sites there and nowhere else.
 */
@Entity()
@Check('staff_municipality_role_slug', `municipality ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(municipality) <= 200`)
export class StaffMunicipalityRole {
  @PrimaryColumn({ type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) municipality: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn() user?: StaffUser;
}
