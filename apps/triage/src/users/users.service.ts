import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { SocketEviction, hashPassword } from '@skranke/auth';
import { Actor, AuditLog, administersMunicipality } from '@skranke/core';
import { SiteRole, conflict, forbidden, hasRole, invalid, municipalitySlug, notFound } from '@skranke/domain';
import { LoginLimiter } from '@skranke/platform';
import { StaffMunicipalityRole, StaffRole, StaffUser, rowChanges } from '@skranke/persistence';
import { CreateUserDto, UpdateUserDto } from './user.dto';

/** An admin may grant roles only at the sites they administer. */
function adminSites(actor: Actor): ((siteId: string) => boolean) {
  if (actor.kind !== 'user') return () => false;
  return (siteId) => actor.superAdmin || hasRole(actor.grants, siteId, ['admin']);
}

/** The slugs of the municipalities to grant, each one the actor administers itself. */
function municipalityGrants(names: string[], actor: Actor): string[] {
  const slugs = [...new Set(names.map(municipalitySlug))];
  if (slugs.includes('')) throw invalid('invalid_municipality', 'A municipality name needs a letter or digit, e.g. "Aarhus Kommune".');
  if (!slugs.every((slug) => administersMunicipality(actor, slug))) throw forbidden('municipality_forbidden', 'You can only grant administration of your own municipality.');
  return slugs;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eviction: SocketEviction,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditLog,
  ) {}

  async create(dto: CreateUserDto, actor: Actor) {
    const mayAdminister = adminSites(actor);
    const outside = dto.roles.find((r) => !mayAdminister(r.siteId));
    if (outside) throw forbidden('forbidden', 'You can only grant roles at sites you administer.');
    const municipalities = municipalityGrants(dto.municipalityAdmin ?? [], actor);
    const passwordHash = await hashPassword(dto.password);
    const taken = () => conflict('username_taken', 'That username is taken.');
    const created = await this.dataSource.transaction(async (tx) => {
      if (await tx.getRepository(StaffUser).existsBy({ username: dto.username })) throw taken();
      // Two admins creating the same username at once: the unique index decides, and the loser hears why.
      const user = await tx
        .getRepository(StaffUser)
        .save({ username: dto.username, passwordHash, displayName: dto.displayName })
        .catch((e: { code?: string }) => Promise.reject(e?.code === '23505' ? taken() : e));
      if (dto.roles.length) await tx.getRepository(StaffRole).insert(dto.roles.map((r) => ({ userId: user.id, siteId: r.siteId, role: r.role })));
      if (municipalities.length) await tx.getRepository(StaffMunicipalityRole).insert(municipalities.map((municipality) => ({ userId: user.id, municipality })));
      return { id: user.id, username: user.username, displayName: user.displayName, active: true, roles: dto.roles, municipalityAdmin: municipalities };
    });
    rowChanges.changed('staff_user');
    return created;
  }

  async list(actor: Actor) {
    const mayAdminister = adminSites(actor);
    const roles = await this.dataSource.getRepository(StaffRole).find();
    const visible = roles.filter((r) => mayAdminister(r.siteId));
    const municipal = (await this.dataSource.getRepository(StaffMunicipalityRole).find()).filter((m) => administersMunicipality(actor, m.municipality));
    const users = await this.dataSource.getRepository(StaffUser).findBy({ id: In([...new Set([...visible, ...municipal].map((r) => r.userId))]) });
    // Without Redis the list still answers; nobody shows as locked then.
    const locked = await this.limiter.lockedUntil(users.map((u) => u.username)).catch(() => new Map<string, Date>());
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      active: u.active,
      roles: visible.filter((r) => r.userId === u.id).map((r) => ({ siteId: r.siteId, role: r.role })),
      municipalityAdmin: municipal.filter((m) => m.userId === u.id).map((m) => m.municipality),
      loginLockedUntil: locked.get(u.username)?.toISOString() ?? null,
    }));
  }

  /**
   * Changes a user; `roles` (and `municipalityAdmin`) replace all their roles
   * of that kind. Deactivating or a new password ends every token of the user
   * (the epoch rises); that or a removed role also closes their open sockets.
   */
  async update(userId: string, dto: UpdateUserDto, actor: Actor) {
    const mayAdminister = adminSites(actor);
    if (dto.roles?.some((r) => !mayAdminister(r.siteId))) throw forbidden('forbidden', 'You can only grant roles at sites you administer.');
    const municipalities = dto.municipalityAdmin == null ? null : municipalityGrants(dto.municipalityAdmin, actor);
    const passwordHash = dto.password === undefined ? null : await hashPassword(dto.password);
    const { view, cutOff } = await this.dataSource.transaction(async (tx) => {
      if (dto.active === false) await this.lockSuperAdmins(tx);
      // One change to a user at a time: two admins editing at once leave one whole change, never a mix.
      const [user]: { id: string; username: string; display_name: string; active: boolean; super_admin: boolean }[] = await tx.query(
        'SELECT id, username, display_name, active, super_admin FROM staff_user WHERE id = $1 FOR UPDATE',
        [userId],
      );
      if (!user) throw userNotFound();
      const before = {
        roles: (await tx.query('SELECT site_id AS "siteId", role FROM staff_role WHERE user_id = $1', [userId])) as SiteRole[],
        municipalities: ((await tx.query('SELECT municipality FROM staff_municipality_role WHERE user_id = $1', [userId])) as { municipality: string }[]).map((m) => m.municipality),
      };
      assertMayTouch(actor, user.super_admin, before);
      const deactivating = dto.active === false && user.active;
      if (deactivating && user.super_admin) await this.assertAnotherSuperAdmin(tx, userId);
      const endTokens = deactivating || passwordHash !== null;
      await tx.query(
        `UPDATE staff_user SET display_name = coalesce($2, display_name), password_hash = coalesce($3, password_hash),
                active = coalesce($4, active), token_epoch = token_epoch + $5::int WHERE id = $1`,
        [userId, dto.displayName ?? null, passwordHash, dto.active ?? null, endTokens ? 1 : 0],
      );
      const roles = dto.roles ? dedupe(dto.roles) : before.roles;
      if (dto.roles) {
        await tx.query('DELETE FROM staff_role WHERE user_id = $1', [userId]);
        if (roles.length) await tx.getRepository(StaffRole).insert(roles.map((r) => ({ userId, siteId: r.siteId, role: r.role })));
      }
      if (municipalities) {
        await tx.query('DELETE FROM staff_municipality_role WHERE user_id = $1', [userId]);
        if (municipalities.length) await tx.getRepository(StaffMunicipalityRole).insert(municipalities.map((municipality) => ({ userId, municipality })));
      }
      const roleRemoved =
        before.roles.some((r) => !roles.some((n) => n.siteId === r.siteId && n.role === r.role)) || before.municipalities.some((m) => municipalities && !municipalities.includes(m));
      const subject = { type: 'user', id: userId };
      const audit = (action: string, details?: Record<string, unknown>) => this.audit.record({ action, actor, subject, details: { username: user.username, ...details } }, tx);
      if (deactivating) await audit('user.deactivated');
      if (dto.active === true && !user.active) await audit('user.reactivated');
      if (passwordHash) await audit('user.password-reset');
      if (dto.displayName !== undefined && dto.displayName !== user.display_name) await audit('user.renamed', { from: user.display_name, to: dto.displayName });
      if (dto.roles && !sameRoles(before.roles, roles)) await audit('user.roles-changed', { from: before.roles, to: roles });
      if (municipalities && [...before.municipalities].sort().join() !== [...municipalities].sort().join()) {
        await audit('user.municipalities-changed', { from: before.municipalities, to: municipalities });
      }
      return {
        view: { id: user.id, username: user.username, displayName: dto.displayName ?? user.display_name, active: dto.active ?? user.active, roles, municipalityAdmin: municipalities ?? before.municipalities },
        cutOff: endTokens || roleRemoved,
      };
    });
    rowChanges.changed('staff_user');
    rowChanges.changed('staff_role');
    rowChanges.changed('staff_municipality_role');
    // A removed role closes the user's sockets too: they reconnect and subscribe to what they may still see.
    if (cutOff) await this.eviction.disconnect({ kind: 'user', id: userId });
    return view;
  }

  /** DELETE keeps the user for history: it deactivates. */
  deactivate(userId: string, actor: Actor) {
    return this.update(userId, { active: false }, actor);
  }

  /** Deactivations serialise on the installation administrators, so two at once cannot remove the last one. */
  private async lockSuperAdmins(tx: EntityManager): Promise<void> {
    await tx.query('SELECT id FROM staff_user WHERE super_admin AND active ORDER BY id FOR UPDATE');
  }

  private async assertAnotherSuperAdmin(tx: EntityManager, userId: string): Promise<void> {
    const [{ others }] = await tx.query('SELECT count(*)::int AS others FROM staff_user WHERE super_admin AND active AND id <> $1', [userId]);
    if (others === 0) throw conflict('last_super_admin', 'This is the last active installation administrator; it cannot be deactivated.');
  }

  /** For the super admin or an admin of a site where the user has a role. */
  async unlock(userId: string, actor: Actor) {
    const mayAdminister = adminSites(actor);
    const user = await this.dataSource.getRepository(StaffUser).findOneBy({ id: userId });
    if (!user) throw userNotFound();
    const roles = await this.dataSource.getRepository(StaffRole).findBy({ userId });
    const superAdmin = actor.kind === 'user' && actor.superAdmin;
    if (!superAdmin && !roles.some((r) => mayAdminister(r.siteId))) throw forbidden('forbidden', 'You can only unlock users of sites you administer.');
    const was = await this.limiter.unlock(user.username);
    await this.audit.record({ action: 'login.unlocked', actor, subject: { type: 'user', id: user.id }, details: { username: user.username, ...was } });
    return { id: user.id, username: user.username, wasLocked: was.wasLocked };
  }
}

const userNotFound = () => notFound('user_not_found', 'No user with that id.');

/**
 * An installation administrator may change anyone. Another admin may change a
 * user whose roles all lie at sites (and municipalities) they administer, and
 * no user without a role there (the list does not show them either).
 */
function assertMayTouch(actor: Actor, targetIsSuperAdmin: boolean, held: { roles: SiteRole[]; municipalities: string[] }): void {
  if (actor.kind === 'user' && actor.superAdmin) return;
  const mayAdminister = adminSites(actor);
  const visible = [...held.roles.map((r) => mayAdminister(r.siteId)), ...held.municipalities.map((m) => administersMunicipality(actor, m))];
  if (!visible.some(Boolean)) throw forbidden('forbidden', 'That user has no role at a site you administer.');
  if (targetIsSuperAdmin) throw forbidden('forbidden', 'Only an installation administrator may change an installation administrator.');
  if (!visible.every(Boolean)) throw forbidden('user_outside_your_sites', 'That user also has roles at sites you do not administer.');
}

const dedupe = (roles: SiteRole[]) => roles.filter((r, i) => roles.findIndex((x) => x.siteId === r.siteId && x.role === r.role) === i).map((r) => ({ siteId: r.siteId, role: r.role }));
const roleKeys = (roles: SiteRole[]) => roles.map((r) => `${r.siteId}/${r.role}`).sort().join();
const sameRoles = (a: SiteRole[], b: SiteRole[]) => roleKeys(a) === roleKeys(b);
