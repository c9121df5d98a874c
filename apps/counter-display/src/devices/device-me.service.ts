import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bearer, TokenResolver } from '@skranke/auth';
import { DeviceKind, DomainError, forbidden } from '@skranke/domain';
import { Counter, Service, Site, siteSettings } from '@skranke/persistence';

export interface DeviceDescription {
  deviceId: string;
  kind: DeviceKind;
  site: { id: string; name: string; timezone: string };
  services: { id: string; prefix: string; names: Record<string, string> }[];
  counters: { id: string; name: string; seats: number }[];
  display: { sound: 'ask' | 'on' };
}

/** Lets a display find out which site it belongs to, what the site's services and counters are called and how it sounds: nothing personal. */
@Injectable()
export class DeviceMeService {
  constructor(
    private readonly tokens: TokenResolver,
    private readonly dataSource: DataSource,
  ) {}

  async describe(authorization: unknown): Promise<DeviceDescription> {
    const actor = await this.tokens.resolve(bearer(authorization));
    if (!actor) throw new DomainError('unauthenticated', 'unauthenticated', 'Send a valid device token as "Authorization: Bearer <token>".');
    if (actor.kind !== 'device') throw forbidden('not_a_device', 'This endpoint is for device tokens.');
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: actor.siteId });
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const counters = await this.dataSource.getRepository(Counter).find({ where: { siteId: site.id, active: true }, order: { name: 'ASC' } });
    return {
      deviceId: actor.deviceId,
      kind: actor.deviceKind,
      site: { id: site.id, name: site.name, timezone: site.timezone },
      services: services.map((s) => ({ id: s.id, prefix: s.prefix, names: s.names })),
      counters: counters.map((c) => ({ id: c.id, name: c.name, seats: c.seats })),
      display: { sound: siteSettings(site.settings).displaySound ?? 'ask' },
    };
  }
}
