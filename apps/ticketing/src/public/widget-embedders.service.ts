import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { municipalitySlug } from '@skranke/domain';
import { Site, WatchedCache } from '@skranke/persistence';

/** Kept until a site changes (NOTIFY on `site`), and read again at least this often. */
const TTL_MS = 60_000;
/** A site that names no embedders: its widget is read-only public information, so anyone may frame it. */
const ANYONE = ['*'];

interface Directory {
  bySite: Map<string, string[] | undefined>;
  byMunicipality: Map<string, string[][]>;
}

/**
 * Who may frame the wait-times widgets (`settings.widgetFrameAncestors` of each site):
 * a site's widget by its own list, a municipality's by the union of its sites' lists.
 * Read for all sites at once and kept until a site row changes (the project's watched caches).
 */
@Injectable()
export class WidgetEmbeddersService {
  private readonly directory = new WatchedCache<Directory>(['site'], TTL_MS);

  constructor(private readonly dataSource: DataSource) {}

  async forSite(slug: string): Promise<string[]> {
    const { bySite } = await this.read();
    return bySite.get(slug) ?? ANYONE;
  }

  async forMunicipality(slug: string): Promise<string[]> {
    const lists = (await this.read()).byMunicipality.get(slug) ?? [];
    return lists.length ? [...new Set(lists.flat())].sort() : ANYONE;
  }

  private read(): Promise<Directory> {
    return this.directory.get('all', () => this.load());
  }

  private async load(): Promise<Directory> {
    const sites = await this.dataSource.getRepository(Site).find({ select: { slug: true, municipality: true, settings: true } });
    const bySite = new Map<string, string[] | undefined>();
    const byMunicipality = new Map<string, string[][]>();
    for (const site of sites) {
      const list = site.settings?.widgetFrameAncestors;
      bySite.set(site.slug, list);
      const m = site.municipality ? municipalitySlug(site.municipality) : null;
      if (m && list) byMunicipality.set(m, [...(byMunicipality.get(m) ?? []), list]);
    }
    return { bySite, byMunicipality };
  }
}
