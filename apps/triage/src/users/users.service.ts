import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { hashPassword } from '@skranke/auth';
import { Actor, administersMunicipality } from '@skranke/core';
import { conflict, forbidden, hasRole, invalid, municipalitySlug } from '@skranke/domain';
import { StaffMunicipalityRole, StaffRole, StaffUser, rowChanges } from '@skranke/persistence';
import { CreateUserDto } from './user.dto';

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
  constructor(private readonly dataSource: DataSource) {}

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
      return { id: user.id, username: user.username, displayName: user.displayName, roles: dto.roles, municipalityAdmin: municipalities };
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
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      active: u.active,
      roles: visible.filter((r) => r.userId === u.id).map((r) => ({ siteId: r.siteId, role: r.role })),
      municipalityAdmin: municipal.filter((m) => m.userId === u.id).map((m) => m.municipality),
    }));
  }
}
