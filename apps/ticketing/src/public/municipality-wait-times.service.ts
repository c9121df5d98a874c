import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { DomainError, invalid, isMunicipalitySlug, municipalitySlug, notFound } from '@skranke/domain';
import { Site } from '@skranke/persistence';
import type { MunicipalityWaitTimesDto, SiteWaitTimesDto } from './wait-times.dto';
import { WaitTimesService } from './wait-times.service';

const FRESH_MS = 5_000;
const byName = new Intl.Collator('da').compare;

interface Municipality {
  name: string;
  /** Site slugs, in the order of the sites' names. */
  sites: string[];
}

/**
 * Public wait times of every site of a municipality, for one widget on the
 * municipality's website. Which sites belong where is read at most every few
 * seconds (one small query for all municipalities, so unknown slugs cost
 * nothing); each site's figures come from the per-site cache.
 */
@Injectable()
export class MunicipalityWaitTimesService {
  private directory: { at: number; value: Promise<Map<string, Municipality>> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly waitTimes: WaitTimesService,
  ) {}

  async forSlug(slug: string): Promise<MunicipalityWaitTimesDto> {
    if (!isMunicipalitySlug(slug)) {
      throw invalid(
        'invalid_municipality_slug',
        'A municipality slug is lowercase letters a-z, digits and single dashes, e.g. aarhus-kommune.',
      );
    }
    const municipality = (await this.municipalities()).get(slug);
    if (!municipality) throw notFound('municipality_not_found', 'No municipality with that slug.');
    const sites = await Promise.all(municipality.sites.map((s) => this.waitTimes.forSlug(s).catch(goneIsNothing)));
    return { municipality: municipality.name, sites: sites.filter((s): s is SiteWaitTimesDto => s !== null) };
  }

  private municipalities(): Promise<Map<string, Municipality>> {
    if (this.directory && Date.now() - this.directory.at < FRESH_MS) return this.directory.value;
    const value = this.load();
    this.directory = { at: Date.now(), value };
    value.catch(() => (this.directory = null));
    return value;
  }

  private async load(): Promise<Map<string, Municipality>> {
    const sites = await this.dataSource
      .getRepository(Site)
      .find({ select: { slug: true, name: true, municipality: true }, where: { municipality: Not(IsNull()) } });
    sites.sort((a, b) => byName(a.name, b.name) || byName(a.slug, b.slug));
    const groups = new Map<string, Site[]>();
    for (const site of sites) {
      const slug = municipalitySlug(site.municipality!);
      if (slug) groups.set(slug, [...(groups.get(slug) ?? []), site]);
    }
    return new Map(
      [...groups].map(([slug, members]) => [
        slug,
        { name: commonestSpelling(members.map((s) => s.municipality!)), sites: members.map((s) => s.slug) },
      ]),
    );
  }
}

/** "Aarhus Kommune" and "aarhus kommune" are one municipality; it is called what most of its sites call it. */
function commonestSpelling(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || byName(a, b))[0][0];
}

/** A site removed since the directory was read is left out rather than failing the whole answer. */
function goneIsNothing(e: unknown): null {
  if (e instanceof DomainError && e.kind === 'not-found') return null;
  throw e;
}
