import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { AuditLog, Clock } from '@skranke/core';
import type { SiteRole } from '@skranke/domain';
import { StaffRole, rowChanges } from '@skranke/persistence';
import { SocketEviction } from '../socket-eviction';
import { SsoSignInService } from './sso-sign-in.service';

const ACTOR = { kind: 'system' as const, reason: 'sso-reconciliation' };

/**
 * The nightly reconciliation of single sign-on users with the directory
 * (docs/identity.md). Signed-in users are checked at every refresh; this
 * reaches those who are not signed in:
 * - the roles their claims gave at their last sign-in or refresh are mapped
 *   again with today's role mapping (an administrator may have removed an
 *   entry): roles follow, and a user left with none is deactivated;
 * - a user the provider has not vouched for in SSO_INACTIVE_DAYS (no sign-in,
 *   no refresh) is deactivated: they may have left, and Skranke cannot ask.
 * Either deactivation ends every token and socket at once and is undone by
 * the next sign-in that gives a role (`roles_lost`); an administrator's
 * deactivation is never undone this way.
 */
@Injectable()
export class SsoReconciliation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sso: SsoSignInService,
    private readonly eviction: SocketEviction,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  /** Nightly: today's mapping applied to everyone's last claims, and the inactive deactivated. */
  reconcile(): Promise<{ deactivated: number; rolesChanged: number }> {
    return this.run(true);
  }

  /** After an administrator changed the role mapping: it applies to everyone at once, not only at their next refresh. */
  remap(): Promise<{ deactivated: number; rolesChanged: number }> {
    return this.run(false);
  }

  private async run(checkIdle: boolean): Promise<{ deactivated: number; rolesChanged: number }> {
    const users: { userId: string; username: string; claims: string[]; lastSeenAt: Date }[] = await this.dataSource.query(
      `SELECT i.user_id AS "userId", u.username, i.role_claims AS claims, i.last_seen_at AS "lastSeenAt"
       FROM sso_identity i JOIN staff_user u ON u.id = i.user_id WHERE u.active`,
    );
    const idleBefore = this.clock.now().getTime() - this.config.sso.inactiveDays * 24 * 3600_000;
    let deactivated = 0;
    let rolesChanged = 0;
    const evict: string[] = [];
    for (const user of users) {
      const roles = await this.sso.rolesFor(user.claims);
      const idle = checkIdle && new Date(user.lastSeenAt).getTime() < idleBefore;
      const outcome = await this.dataSource.transaction((tx) => this.apply(tx, user, roles, idle));
      if (outcome === 'deactivated') deactivated++;
      if (outcome === 'roles-changed') rolesChanged++;
      if (outcome) evict.push(user.userId);
    }
    if (evict.length) {
      rowChanges.changed('staff_user');
      rowChanges.changed('staff_role');
      await this.eviction.disconnect(...evict.map((id) => ({ kind: 'user' as const, id })));
    }
    return { deactivated, rolesChanged };
  }

  /** One user, under their row lock (a sign-in at the same moment waits, then sees the result). */
  private async apply(tx: EntityManager, user: { userId: string; username: string }, roles: SiteRole[], idle: boolean): Promise<'deactivated' | 'roles-changed' | null> {
    const [locked] = await tx.query('SELECT active FROM staff_user WHERE id = $1 FOR UPDATE', [user.userId]);
    if (!locked?.active) return null;
    const subject = { type: 'user', id: user.userId };
    if (idle || !roles.length) {
      await tx.query('UPDATE staff_user SET active = false, token_epoch = token_epoch + 1 WHERE id = $1', [user.userId]);
      await tx.query('UPDATE sso_identity SET roles_lost = true WHERE user_id = $1', [user.userId]);
      await tx.query('DELETE FROM sso_session WHERE user_id = $1', [user.userId]);
      const reason = idle ? 'sso_inactive' : 'sso_no_role';
      await this.audit.record({ action: 'user.deactivated', actor: ACTOR, subject, details: { username: user.username, reason, inactiveDays: this.config.sso.inactiveDays } }, tx);
      return 'deactivated';
    }
    const before: SiteRole[] = await tx.query('SELECT site_id AS "siteId", role FROM staff_role WHERE user_id = $1', [user.userId]);
    const key = (rs: SiteRole[]) => rs.map((r) => `${r.siteId}/${r.role}`).sort().join();
    if (key(before) === key(roles)) return null;
    await tx.query('DELETE FROM staff_role WHERE user_id = $1', [user.userId]);
    await tx.getRepository(StaffRole).insert(roles.map((r) => ({ userId: user.userId, siteId: r.siteId, role: r.role })));
    await this.audit.record({ action: 'user.roles-changed', actor: ACTOR, subject, details: { username: user.username, from: before, to: roles, reason: 'sso_role_mapping' } }, tx);
    return 'roles-changed';
  }
}
