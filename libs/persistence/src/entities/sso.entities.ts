import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '@skranke/domain';
import { Site } from './site.entity';
import { StaffUser } from './staff-user.entity';

/**
 * A staff user who signs in through the municipality's identity provider
 * (migration 1795545500000), known by the provider's issuer and subject. The
 * roles the provider gave at the last sign-in or refresh are kept as they came
 * (`roleClaims`), so a changed role mapping can be applied without the user.
 */
@Entity()
@Unique('sso_identity_subject', ['issuer', 'subject'])
@Check('sso_identity_provider', `provider IN ('oidc', 'saml')`)
export class SsoIdentity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'sso_identity_pkey' }) userId: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'sso_identity_user_id_fkey' }) user?: StaffUser;
  @Column({ type: 'text' }) provider: 'oidc' | 'saml';
  @Column({ type: 'text' }) issuer: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) roleClaims: string[];
  /** The last sign-in or refresh that asked the provider. */
  @Column({ type: 'timestamptz' }) lastSeenAt: Date;
  /** Deactivated because no role mapped (not by an administrator): a later sign-in with a role reactivates. */
  @Column({ type: 'boolean', default: false }) rolesLost: boolean;
}

/** An administrator's rule: a value of the roles claim gives this role at this site. */
@Entity()
@Check('sso_role_mapping_role', `role IN ('admin', 'supervisor', 'floor', 'counter', 'reports', 'integration')`)
@Check('sso_role_mapping_claim', `length(claim) BETWEEN 1 AND 400`)
export class SsoRoleMapping {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'sso_role_mapping_pkey' }) claim: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'sso_role_mapping_pkey' }) siteId: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'sso_role_mapping_pkey' }) role: Role;
  @ManyToOne(() => Site, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'sso_role_mapping_site_id_fkey' }) site?: Site;
}

/**
 * A signed-in SSO user's session: the refresh token the page holds (only its
 * hash), and the provider's refresh token (encrypted) with which each refresh
 * asks the provider again. Ends at `expiresAt` at the latest.
 */
@Entity()
@Unique('sso_session_refresh', ['refreshHash'])
@Index('sso_session_user', ['userId'])
@Index('sso_session_expires', ['expiresAt'])
export class SsoSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sso_session_pkey' }) id: string;
  @Column({ type: 'uuid' }) userId: string;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn({ foreignKeyConstraintName: 'sso_session_user_id_fkey' }) user?: StaffUser;
  @Column({ type: 'text' }) refreshHash: string;
  @Column({ type: 'text', nullable: true }) providerRefreshToken: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
}
