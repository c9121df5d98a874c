import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor, administersMunicipality } from '@skranke/core';
import { DEFAULT_ORDERING, forbidden, isValidTimeZone, invalid, municipalitySlug, validateOpeningHours } from '@skranke/domain';
import { Site, rowChanges, siteSettings } from '@skranke/persistence';
import { CreateSiteDto, UpdateSiteDto } from './site.dto';
import { validateSiteSettings } from './site-settings.validation';

export function siteView(s: Site) {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    municipality: s.municipality,
    timezone: s.timezone,
    openingHours: s.openingHours,
    ordering: s.ordering,
    settings: siteSettings(s.settings),
  };
}

function checkTimeZone(tz: string) {
  if (!isValidTimeZone(tz)) throw invalid('invalid_timezone', `"${tz}" is not an IANA time zone such as Europe/Copenhagen.`);
}

@Injectable()
export class SitesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Only in a municipality the creator administers; being its administrator, the creator needs no role at the new site. */
  async create(dto: CreateSiteDto, actor: Actor) {
    if (!administersMunicipality(actor, dto.municipality)) {
      throw forbidden('municipality_forbidden', 'You can create sites only in the municipality you administer; name it in "municipality".');
    }
    checkTimeZone(dto.timezone);
    const view = await this.dataSource.transaction(async (tx) => {
      const site = await tx.getRepository(Site).save(
        tx.getRepository(Site).create({
          slug: dto.slug,
          name: dto.name,
          municipality: dto.municipality ?? null,
          timezone: dto.timezone,
          openingHours: validateOpeningHours(dto.openingHours),
          ordering: { ...DEFAULT_ORDERING, ...dto.ordering },
          settings: validateSiteSettings(dto.settings ?? {}),
        }),
      );
      return siteView(site);
    });
    // A municipality administrator's cached grants must include the new site before their next request.
    rowChanges.changed('site');
    return view;
  }

  async list(actor: Actor) {
    const repo = this.dataSource.getRepository(Site);
    if (actor.kind !== 'user') return [];
    const sites = actor.superAdmin
      ? await repo.find({ order: { name: 'ASC' } })
      : await repo.find({ where: { id: In(actor.grants.map((g) => g.siteId)) }, order: { name: 'ASC' } });
    return sites.map(siteView);
  }

  async get(siteId: string) {
    return siteView(await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId }));
  }

  async update(siteId: string, dto: UpdateSiteDto, actor: Actor) {
    const view = await this.dataSource.transaction(async (tx) => {
      // Locked: the settings are written whole, so a simultaneous staff-figures switch-off (which locks too) is not undone.
      const repo = tx.getRepository(Site);
      const site = await repo.findOneOrFail({ where: { id: siteId }, lock: { mode: 'pessimistic_write' } });
      const moves = dto.municipality != null && municipalitySlug(dto.municipality) !== municipalitySlug(site.municipality ?? '');
      if (moves && !(actor.kind === 'user' && actor.superAdmin)) {
        throw forbidden('municipality_change_forbidden', "Only the installation's administrator can move a site to another municipality.");
      }
      // The create's checks, for every field present (an empty timezone is present).
      if (dto.timezone !== undefined) checkTimeZone(dto.timezone);
      Object.assign(site, {
        name: dto.name ?? site.name,
        municipality: dto.municipality ?? site.municipality,
        timezone: dto.timezone ?? site.timezone,
        openingHours: dto.openingHours ? validateOpeningHours(dto.openingHours) : site.openingHours,
        ordering: dto.ordering ? { ...site.ordering, ...dto.ordering } : site.ordering,
        settings: dto.settings ? { ...site.settings, ...validateSiteSettings(dto.settings) } : site.settings,
      });
      await repo.save(site);
      return siteView(site);
    });
    rowChanges.changed('site');
    return view;
  }
}
