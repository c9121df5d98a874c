import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { SocketEviction, hashPassword } from '@skranke/auth';
import { Actor } from '@skranke/core';
import { SiteRole, conflict, forbidden, hasRole, notFound } from '@skranke/domain';
import { StaffRole, StaffUser, rowChanges } from '@skranke/persistence';
import { CreateUserDto, UpdateUserDto } from './user.dto';

/** An admin may grant roles only at the sites they administer. */
function adminSites(actor: Actor): ((siteId: string) => boolean) {
  if (actor.kind !== 'user') return () => false;
  return (siteId) => actor.superAdmin || hasRole(actor.grants, siteId, ['admin']);
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eviction: SocketEviction,
  ) {}

  async create(dto: CreateUserDto, actor: Actor) {
    const mayAdminister = adminSites(actor);
    const outside = dto.roles.find((r) => !mayAdminister(r.siteId));
    if (outside) throw forbidden('forbidden', 'You can only grant roles at sites you administer.');
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
      return { id: user.id, username: user.username, displayName: user.displayName, roles: dto.roles };
    });
    rowChanges.changed('staff_user');
    return created;
  }

  async list(actor: Actor) {
    const mayAdminister = adminSites(actor);
    const roles = await this.dataSource.getRepository(StaffRole).find();
    const visible = roles.filter((r) => mayAdminister(r.siteId));
    const users = await this.dataSource.getRepository(StaffUser).findBy({ id: In([...new Set(visible.map((r) => r.userId))]) });
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      active: u.active,
      roles: visible.filter((r) => r.userId === u.id).map((r) => ({ siteId: r.siteId, role: r.role })),
    }));
  }

  /**
   * Changes a user; `roles` replaces all their roles. Deactivating or a new
   * password ends every token of the user (the epoch rises); deactivating, a
   * new password or a removed role closes their open sockets.
   */
  async update(userId: string, dto: UpdateUserDto, actor: Actor) {
    const mayAdminister = adminSites(actor);
    if (dto.roles?.some((r) => !mayAdminister(r.siteId))) throw forbidden('forbidden', 'You can only grant roles at sites you administer.');
    const passwordHash = dto.password === undefined ? null : await hashPassword(dto.password);
    const { view, cutOff } = await this.dataSource.transaction(async (tx) => {
      if (dto.active === false) await this.lockSuperAdmins(tx);
      // One change to a user at a time: two admins editing at once leave one whole change, never a mix.
      const [user]: { id: string; username: string; display_name: string; active: boolean; super_admin: boolean }[] = await tx.query(
        'SELECT id, username, display_name, active, super_admin FROM staff_user WHERE id = $1 FOR UPDATE',
        [userId],
      );
      if (!user) throw userNotFound();
      const roles: SiteRole[] = await tx.query('SELECT site_id AS "siteId", role FROM staff_role WHERE user_id = $1', [userId]);
      assertMayTouch(actor, user.super_admin, roles);
      const deactivating = dto.active === false && user.active;
      if (deactivating && user.super_admin) await this.assertAnotherSuperAdmin(tx, userId);
      const endTokens = deactivating || passwordHash !== null;
      await tx.query(
        `UPDATE staff_user SET display_name = coalesce($2, display_name), password_hash = coalesce($3, password_hash),
                active = coalesce($4, active), token_epoch = token_epoch + $5::int WHERE id = $1`,
        [userId, dto.displayName ?? null, passwordHash, dto.active ?? null, endTokens ? 1 : 0],
      );
      let now = roles;
      if (dto.roles) {
        await tx.query('DELETE FROM staff_role WHERE user_id = $1', [userId]);
        now = dedupe(dto.roles);
        if (now.length) await tx.getRepository(StaffRole).insert(now.map((r) => ({ userId, siteId: r.siteId, role: r.role })));
      }
      const roleRemoved = roles.some((r) => !now.some((n) => n.siteId === r.siteId && n.role === r.role));
      return {
        view: { id: user.id, username: user.username, displayName: dto.displayName ?? user.display_name, active: dto.active ?? user.active, roles: now },
        cutOff: endTokens || roleRemoved,
      };
    });
    rowChanges.changed('staff_user');
    rowChanges.changed('staff_role');
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
}

const userNotFound = () => notFound('user_not_found', 'No user with that id among the users you administer.');

/**
 * An installation administrator may change anyone. A site admin may change a
 * user whose roles all lie at sites they administer; users they cannot see at
 * all (no role at their sites, or none) are not found, as in the list.
 */
function assertMayTouch(actor: Actor, targetIsSuperAdmin: boolean, roles: SiteRole[]): void {
  if (actor.kind === 'user' && actor.superAdmin) return;
  const mayAdminister = adminSites(actor);
  if (!roles.some((r) => mayAdminister(r.siteId))) throw userNotFound();
  if (targetIsSuperAdmin) throw forbidden('forbidden', 'Only an installation administrator may change an installation administrator.');
  if (!roles.every((r) => mayAdminister(r.siteId))) throw forbidden('user_outside_your_sites', 'That user also has roles at sites you do not administer.');
}

const dedupe = (roles: SiteRole[]) => roles.filter((r, i) => roles.findIndex((x) => x.siteId === r.siteId && x.role === r.role) === i).map((r) => ({ siteId: r.siteId, role: r.role }));
