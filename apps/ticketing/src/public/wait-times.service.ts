import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, QueueStateService, SITE_WAIT_TIMES, allowOnly } from '@skranke/core';
import { businessDate, notFound, openingState } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import type { SiteWaitTimesDto } from './wait-times.dto';

const FRESH_MS = 5_000;

/**
 * Public wait times, computed at most every few seconds per site: a municipal
 * website may embed this on every page view without loading the database.
 */
@Injectable()
export class WaitTimesService {
  /** Per slug: the answer while it is fresh, so repeats within 5 s cost no database work. */
  private cache = new Map<string, { at: number; value: Promise<SiteWaitTimesDto> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queueState: QueueStateService,
    private readonly clock: Clock,
  ) {}

  forSlug(slug: string): Promise<SiteWaitTimesDto> {
    if (typeof slug !== 'string' || slug.length > 64) throw notFound('site_not_found', 'No site with that slug.');
    const hit = this.cache.get(slug);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
    const value = this.compute(slug);
    this.cache.set(slug, { at: Date.now(), value });
    value.catch(() => this.cache.delete(slug));
    return value;
  }

  private async compute(slug: string): Promise<SiteWaitTimesDto> {
    const site = await this.dataSource.getRepository(Site).findOneBy({ slug });
    if (!site) throw notFound('site_not_found', 'No site with that slug.');
    const now = this.clock.now();
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const queues = await this.queueState.forServices(this.dataSource.manager, site.id, businessDate(now, site.timezone));
    const state = openingState(site.openingHours, site.timezone, now);
    return allowOnly<SiteWaitTimesDto>(SITE_WAIT_TIMES, {
      site: { slug: site.slug, name: site.name, municipality: site.municipality },
      at: now.toISOString(),
      open: state.open,
      opensAt: state.opensAt?.toISOString() ?? null,
      closesAt: state.closesAt?.toISOString() ?? null,
      services: services.map((s) => {
        const q = queues.find((x) => x.serviceId === s.id);
        return { serviceId: s.id, code: s.code, names: s.names, waiting: q?.waiting ?? 0, estimatedWait: q?.estimatedWait ?? null, targetWaitMinutes: s.targetWaitMinutes };
      }),
    });
  }
}
