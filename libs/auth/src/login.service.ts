import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@skranke/domain';
import { StaffRole, StaffUser } from '@skranke/persistence';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { TokenResolver } from './token-resolver.service';

@Injectable()
export class LoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenResolver,
  ) {}

  async login(username: string, password: string) {
    const user = await this.dataSource.getRepository(StaffUser).findOneBy({ username, active: true });
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok) throw new DomainError('unauthenticated', 'invalid_credentials', 'Wrong username or password.');
    const roles = await this.dataSource.getRepository(StaffRole).findBy({ userId: user.id });
    return { accessToken: await this.tokens.sign(user), user: signedInUser(user, roles) };
  }

  /** Who holds this staff token now (name and roles as they are today), or null when it no longer works. */
  async whoAmI(token: string | null): Promise<SignedInUser | null> {
    const actor = await this.tokens.resolve(token);
    if (actor?.kind !== 'user') return null;
    const user = await this.dataSource.getRepository(StaffUser).findOneBy({ id: actor.userId, active: true });
    if (!user) return null;
    return signedInUser(user, await this.dataSource.getRepository(StaffRole).findBy({ userId: user.id }));
  }
}

export type SignedInUser = ReturnType<typeof signedInUser>;

function signedInUser(user: StaffUser, roles: StaffRole[]) {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: roles.map((r) => ({ siteId: r.siteId, role: r.role })) };
}
