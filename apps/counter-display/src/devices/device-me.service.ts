import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bearer, TokenResolver } from '@skranke/auth';
import { DomainError, forbidden } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';

/** Lets a display find out which site it belongs to and what the site's services are called: nothing personal. */
@Injectable()
export class DeviceMeService {
  constructor(
    private readonly tokens: TokenResolver,
    private readonly dataSource: DataSource,
  ) {}

  async describe(authorization: unknown) {
    const actor = await this.tokens.resolve(bearer(authorization));
    if (!actor) throw new DomainError('unauthenticated', 'unauthenticated', 'Send a valid device token as "Authorization: Bearer <token>".');
    if (actor.kind !== 'device') throw forbidden('not_a_device', 'This endpoint is for device tokens.');
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: actor.siteId });
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    return {
      deviceId: actor.deviceId,
      kind: actor.deviceKind,
      site: { id: site.id, name: site.name, timezone: site.timezone },
      services: services.map((s) => ({ id: s.id, prefix: s.prefix, names: s.names })),
    };
  }
}
