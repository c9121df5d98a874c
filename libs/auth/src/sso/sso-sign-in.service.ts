import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { AuditLog } from '@skranke/core';
import { DomainError, type SiteRole, forbidden } from '@skranke/domain';
import { StaffRole, rowChanges } from '@skranke/persistence';
import { SocketEviction } from '../socket-eviction';
import { TokenResolver } from '../token-resolver.service';
import { RoleMappingEntry, mapRoleClaims } from './role-mapping';
import { Sealer, hashRefreshToken, newRefreshToken } from './sealed';
import { ExternalIdentity, ProviderRefresher, SsoContext, SsoSignInResult, checkIdentity } from './sso-identity';

/** What applying an identity did, acted on after the transaction commits. */
interface Applied {
  userId: string | null;
  username: string;
  displayName: string;
  tokenEpoch: number;
  active: boolean;
  /** Why no token is given: no role maps, or an administrator deactivated the user. */
  refusal: 'sso_no_role' | 'user_deactivated' | null;
  evict: boolean;
}

/** A refreshable session and the refresh token the page holds for it. */
interface Session {
  id: string;
  refreshToken: string;
}

const UNUSABLE_PASSWORD = '!sso: signs in through the identity provider';

/**
 * Staff sign-in through the municipality's identity provider (OIDC or SAML):
 * creates or updates the user known by the provider's issuer and subject,
 * gives them the site roles their role claims map to (the administrator's
 * mapping, or the `skranke:<siteSlug>:<role>` convention), and issues a
 * short-lived staff token with a refresh token. When no role maps any more the
 * user is deactivated at once: every token ends and their sockets close, as
 * when an administrator deactivates them. Every step is audited.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger('SsoSignIn');
  private readonly sealer: Sealer;
  private readonly refreshers = new Map<ExternalIdentity['provider'], ProviderRefresher>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenResolver,
    private readonly eviction: SocketEviction,
    private readonly audit: AuditLog,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {
    this.sealer = new Sealer(config.jwtSecret);
  }

  /** A provider that can be asked again without the user (OIDC's refresh_token grant) registers here. */
  registerRefresher(provider: ExternalIdentity['provider'], refresher: ProviderRefresher): void {
    this.refreshers.set(provider, refresher);
  }

  async signIn(identity: ExternalIdentity, context: SsoContext = {}): Promise<SsoSignInResult> {
    checkIdentity(identity);
    const roles = await this.rolesFor(identity.roleClaims);
    const { applied, session } = await this.dataSource.transaction(async (tx) => {
      const applied = await this.apply(tx, identity, roles, context.address);
      if (applied.refusal) return { applied, session: undefined };
      await this.audit.record(
        { action: 'auth.sso-signed-in', actor: userActor(applied), subject: { type: 'user', id: applied.userId }, details: { provider: identity.provider, address: context.address ?? null, roles } },
        tx,
      );
      return { applied, session: await this.startSession(tx, applied.userId!, context.providerRefreshToken) };
    });
    await this.afterCommit(applied);
    return this.issue(applied, session);
  }

  /**
   * A new staff token for a refresh token (used once: the answer carries the
   * next one). With the provider's refresh token the provider is asked again
   * and the roles re-mapped; a role gone ends access at once. Without one
   * (SAML) the user must still be active with a role, until the session ends.
   */
  async refresh(refreshToken: string, context: { address?: string } = {}): Promise<SsoSignInResult> {
    const ended = () => new DomainError('unauthenticated', 'sso_session_ended', 'The sign-in has ended; sign in again.');
    if (typeof refreshToken !== 'string' || refreshToken.length > 200) throw ended();
    const next = newRefreshToken();
    // Rotating in one statement: of two refreshes with the same token, one gets the session. (An UPDATE answers [rows, count].)
    const [[session]]: [{ id: string; user_id: string; provider_refresh_token: string | null; provider: ExternalIdentity['provider'] | null; issuer: string; subject: string }[], number] = await this.dataSource.query(
      `UPDATE sso_session s SET refresh_hash = $2 FROM sso_identity i
       WHERE s.refresh_hash = $1 AND s.expires_at > now() AND i.user_id = s.user_id
       RETURNING s.id, s.user_id, s.provider_refresh_token, i.provider, i.issuer, i.subject`,
      [hashRefreshToken(refreshToken), hashRefreshToken(next)],
    );
    if (!session) throw ended();
    const refresher = session.provider ? this.refreshers.get(session.provider) : undefined;
    const providerToken = session.provider_refresh_token && this.sealer.open(session.provider_refresh_token);
    if (!refresher || !providerToken) return this.refreshLocally(session.id, session.user_id, next, ended);
    const renewed = { id: session.id, refreshToken: next };
    let answer: Awaited<ReturnType<ProviderRefresher>>;
    try {
      answer = await refresher(providerToken);
    } catch (e) {
      // The provider refused (revoked, expired, the user disabled there): this sign-in ends; a new one is checked afresh.
      this.logger.warn(`provider refused a refresh: ${(e as Error).message}`);
      await this.dataSource.query('DELETE FROM sso_session WHERE id = $1', [session.id]);
      throw ended();
    }
    const identity = answer.identity;
    checkIdentity(identity);
    if (identity.issuer !== session.issuer || identity.subject !== session.subject) {
      await this.dataSource.query('DELETE FROM sso_session WHERE id = $1', [session.id]);
      throw ended();
    }
    const roles = await this.rolesFor(identity.roleClaims);
    const applied = await this.dataSource.transaction(async (tx) => {
      const applied = await this.apply(tx, identity, roles, context.address);
      if (!applied.refusal && answer.refreshToken) {
        await tx.query('UPDATE sso_session SET provider_refresh_token = $2 WHERE id = $1', [session.id, this.sealer.seal(answer.refreshToken)]);
      }
      return applied;
    });
    await this.afterCommit(applied);
    return this.issue(applied, renewed);
  }

  /** A session the provider cannot be asked about: still active with a role in Skranke, or ended. */
  private async refreshLocally(sessionId: string, userId: string, next: string, ended: () => DomainError): Promise<SsoSignInResult> {
    const [user] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.token_epoch FROM staff_user u
       WHERE u.id = $1 AND u.active AND EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id)`,
      [userId],
    );
    if (!user) {
      await this.dataSource.query('DELETE FROM sso_session WHERE id = $1', [sessionId]);
      throw ended();
    }
    const applied: Applied = { userId, username: user.username, displayName: user.display_name, tokenEpoch: user.token_epoch, active: true, refusal: null, evict: false };
    return this.issue(applied, { id: sessionId, refreshToken: next });
  }

  /** The site roles these claims give under the administrator's mapping and the convention. */
  async rolesFor(claims: readonly string[]): Promise<SiteRole[]> {
    const entries: RoleMappingEntry[] = await this.dataSource.query('SELECT claim, site_id AS "siteId", role FROM sso_role_mapping WHERE claim = ANY($1)', [claims]);
    const sites: { id: string; slug: string }[] = claims.some((c) => c.startsWith('skranke:')) ? await this.dataSource.query('SELECT id, slug FROM site') : [];
    return mapRoleClaims(claims, entries, sites);
  }

  /**
   * Creates or updates the user of this identity with these roles, in the
   * caller's transaction. Sign-ins of one identity are serialised (an advisory
   * lock on issuer and subject), so two at once create one user.
   */
  private async apply(tx: EntityManager, identity: ExternalIdentity, roles: SiteRole[], address?: string): Promise<Applied> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sso\n${identity.issuer}\n${identity.subject}`]);
    const [found]: { id: string; username: string; display_name: string; active: boolean; token_epoch: number; roles_lost: boolean }[] = await tx.query(
      `SELECT u.id, u.username, u.display_name, u.active, u.token_epoch, i.roles_lost
       FROM sso_identity i JOIN staff_user u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2 FOR UPDATE OF u, i`,
      [identity.issuer, identity.subject],
    );
    const displayName = identity.displayName.trim() || found?.display_name || identity.email || identity.subject;
    const anonymous = { kind: 'anonymous' as const, address: address ?? 'unknown' };
    if (!found) {
      if (!roles.length) {
        // Nobody is created for an identity without a role here: the refusal names the provider's subject only.
        await this.audit.record({ action: 'auth.sso-refused', actor: anonymous, subject: { type: 'sso-subject', id: identity.subject }, details: { provider: identity.provider, issuer: identity.issuer, reason: 'sso_no_role' } }, tx);
        return { userId: null, username: '', displayName, tokenEpoch: 0, active: false, refusal: 'sso_no_role', evict: false };
      }
      const username = await this.freeUsername(tx, identity);
      const [user]: { id: string; token_epoch: number }[] = await tx.query(
        'INSERT INTO staff_user (username, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id, token_epoch',
        [username, UNUSABLE_PASSWORD, displayName],
      );
      await tx.query(
        'INSERT INTO sso_identity (user_id, provider, issuer, subject, role_claims, last_seen_at) VALUES ($1, $2, $3, $4, $5, now())',
        [user.id, identity.provider, identity.issuer, identity.subject, identity.roleClaims],
      );
      await tx.getRepository(StaffRole).insert(roles.map((r) => ({ userId: user.id, siteId: r.siteId, role: r.role })));
      const applied: Applied = { userId: user.id, username, displayName, tokenEpoch: user.token_epoch, active: true, refusal: null, evict: false };
      await this.audit.record({ action: 'user.created', actor: userActor(applied), subject: { type: 'user', id: user.id }, details: { username, provider: identity.provider, roles } }, tx);
      return applied;
    }

    const userId = found.id;
    const applied: Applied = { userId, username: found.username, displayName, tokenEpoch: found.token_epoch, active: found.active, refusal: null, evict: false };
    const record = (action: string, details: Record<string, unknown> = {}) =>
      this.audit.record({ action, actor: userActor(applied), subject: { type: 'user', id: userId }, details: { username: found.username, provider: identity.provider, ...details } }, tx);
    // Deactivated by an administrator: the provider cannot undo that.
    if (!found.active && !found.roles_lost) {
      await record('auth.sso-refused', { reason: 'user_deactivated' });
      return { ...applied, refusal: 'user_deactivated' };
    }
    await tx.query('UPDATE sso_identity SET role_claims = $2, last_seen_at = now(), roles_lost = $3 WHERE user_id = $1', [userId, identity.roleClaims, !roles.length]);
    const before: SiteRole[] = await tx.query('SELECT site_id AS "siteId", role FROM staff_role WHERE user_id = $1', [userId]);
    // No role left: the user is deactivated and keeps the last roles, so administrators still find them in the list.
    if (roles.length && !sameRoles(before, roles)) {
      await tx.query('DELETE FROM staff_role WHERE user_id = $1', [userId]);
      if (roles.length) await tx.getRepository(StaffRole).insert(roles.map((r) => ({ userId, siteId: r.siteId, role: r.role })));
      await record('user.roles-changed', { from: before, to: roles });
    }
    const deactivating = found.active && !roles.length;
    await tx.query('UPDATE staff_user SET display_name = $2, active = $3, token_epoch = token_epoch + $4::int WHERE id = $1', [userId, displayName, roles.length > 0, deactivating ? 1 : 0]);
    if (displayName !== found.display_name) await record('user.renamed', { from: found.display_name, to: displayName });
    if (deactivating) {
      await tx.query('DELETE FROM sso_session WHERE user_id = $1', [userId]);
      await record('user.deactivated', { reason: 'sso_no_role' });
    }
    if (!found.active && roles.length) await record('user.reactivated', { reason: 'sso_role_given' });
    const removed = before.some((r) => !roles.some((n) => n.siteId === r.siteId && n.role === r.role));
    return {
      ...applied,
      active: roles.length > 0,
      tokenEpoch: found.token_epoch + (deactivating ? 1 : 0),
      refusal: roles.length ? null : 'sso_no_role',
      // A removed role closes the user's sockets too (as an administrator's change does): they reconnect with what they still may.
      evict: deactivating || removed,
    };
  }

  /** The email address as username when free, else it with a short mark of the identity (never another user's name). */
  private async freeUsername(tx: EntityManager, identity: ExternalIdentity): Promise<string> {
    const base = (identity.email?.trim().toLowerCase() || `${identity.provider}-${identity.subject}`).slice(0, 90);
    const [taken] = await tx.query('SELECT 1 FROM staff_user WHERE username = $1', [base]);
    if (!taken) return base;
    return `${base}#${createHash('sha256').update(`${identity.issuer}\n${identity.subject}`).digest('hex').slice(0, 8)}`;
  }

  /** Sessions last SSO_SESSION_HOURS; each sign-in clears the user's expired ones. */
  private async startSession(tx: EntityManager, userId: string, providerRefreshToken?: string): Promise<Session> {
    const refreshToken = newRefreshToken();
    await tx.query('DELETE FROM sso_session WHERE user_id = $1 AND expires_at < now()', [userId]);
    const [{ id }] = await tx.query(
      `INSERT INTO sso_session (user_id, refresh_hash, provider_refresh_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id`,
      [userId, hashRefreshToken(refreshToken), providerRefreshToken ? this.sealer.seal(providerRefreshToken) : null, this.config.sso.sessionHours],
    );
    return { id, refreshToken };
  }

  /** Caches in every instance forget the user; their sockets close when a role went. */
  private async afterCommit(applied: Applied): Promise<void> {
    if (!applied.userId) return;
    rowChanges.changed('staff_user');
    rowChanges.changed('staff_role');
    if (applied.evict) await this.eviction.disconnect({ kind: 'user', id: applied.userId });
  }

  private async issue(applied: Applied, session: Session | undefined): Promise<SsoSignInResult> {
    if (applied.refusal === 'user_deactivated') throw forbidden('user_deactivated', 'This user has been deactivated in Skranke; ask an administrator.');
    if (applied.refusal) throw forbidden('sso_no_role', 'Your login gives you no role in Skranke; ask your IT department for one.');
    const ttl = this.config.sso.tokenMinutes * 60;
    const user = { id: applied.userId!, username: applied.username, tokenEpoch: applied.tokenEpoch };
    return {
      accessToken: await this.tokens.sign(user, ttl, session?.id),
      refreshToken: session?.refreshToken,
      expiresIn: ttl,
      user: { id: user.id, username: user.username, displayName: applied.displayName },
    };
  }
}

/** The user as the actor of their own sign-in (the audit trail needs only who). */
const userActor = (a: Applied) => ({ kind: 'user' as const, userId: a.userId!, username: a.username, superAdmin: false, municipalities: [], grants: [] });

const roleKeys = (roles: SiteRole[]) => roles.map((r) => `${r.siteId}/${r.role}`).sort().join();
const sameRoles = (a: SiteRole[], b: SiteRole[]) => roleKeys(a) === roleKeys(b);
