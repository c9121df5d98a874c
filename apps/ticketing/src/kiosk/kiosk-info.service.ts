import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Clock, KIOSK_START, QueueStateService, allowOnly } from '@skranke/core';
import { WaitEstimate, businessDate, municipalitySlug, notFound, openingState } from '@skranke/domain';
import { Service, Site, siteSettings } from '@skranke/persistence';
import type { KioskStartSchema } from './kiosk.schemas';

/** What a walk-in ticket for a service drawn now would meet. */
export interface ServiceOutlook {
  waiting: number;
  /** The kiosk's estimate; null: no open counter serves the service. */
  estimatedWait: WaitEstimate | null;
  /** The estimate, or (no open counter) the wait if one opened now; null: none at all. */
  judged: WaitEstimate | null;
  reachedBeforeClose: boolean;
  capReached: boolean;
}

/**
 * What the kiosk's start screen needs: the services (grouped), whether the
 * site is open and when it opens, and per service whether a new ticket would
 * be reached before closing, with the shortest wait elsewhere as a pointer.
 */
@Injectable()
export class KioskInfoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queueState: QueueStateService,
    private readonly clock: Clock,
  ) {}

  async forSlug(slug: string): Promise<KioskStartSchema> {
    const site = await this.dataSource.getRepository(Site).findOneBy({ slug: String(slug).slice(0, 64) });
    if (!site) throw notFound('site_not_found', 'No site with that slug.');
    const now = this.clock.now();
    const state = openingState(site.openingHours, site.timezone, now);
    const { services, outlooks } = await this.outlooks(site);
    const settings = siteSettings(site.settings);
    return allowOnly<KioskStartSchema>(KIOSK_START, {
      site: { id: site.id, slug: site.slug, name: site.name, municipality: site.municipality },
      open: state.open,
      opensAt: state.opensAt?.toISOString() ?? null,
      closesAt: state.closesAt?.toISOString() ?? null,
      bookingUrl: typeof settings.bookingUrl === 'string' ? settings.bookingUrl : null,
      branding: { logo: settings.branding?.logo ?? null, primaryColor: settings.branding?.primaryColor ?? null },
      services: services.map((s) => {
        const o = outlooks.get(s.id)!;
        return {
          id: s.id,
          prefix: s.prefix,
          names: s.names,
          group: s.groupName,
          waiting: o.waiting,
          // null: no open counter serves it (the estimator's word), and the kiosk says so instead of a number.
          counterOpen: o.estimatedWait !== null,
          estimatedWait: o.estimatedWait,
          reachedBeforeClose: o.reachedBeforeClose,
          capReached: o.capReached,
        };
      }),
      alternatives: await this.alternatives(site),
    });
  }

  /**
   * Per active service, what a walk-in ticket drawn now would meet: the wait the
   * kiosk shows, that wait judged against closing, and the daily cap. Shared by
   * the start screen and the "next free time" offer (NextFreeService).
   */
  async outlooks(site: Site): Promise<{ services: Service[]; outlooks: Map<string, ServiceOutlook> }> {
    const now = this.clock.now();
    const state = openingState(site.openingHours, site.timezone, now);
    const minutesToClose = state.closesAt ? (state.closesAt.getTime() - now.getTime()) / 60000 : null;
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const date = businessDate(now, site.timezone);
    // Whether a new ticket is reached before closing is decided on the room as it is now.
    const queues = await this.queueState.forServices(this.dataSource.manager, site.id, date);
    // The same room (cached by the call above): a service no open counter serves is judged as if one opened now.
    const { ifOneOpens } = await this.queueState.estimates.current(site.id);
    const issued: { service_id: string; n: number }[] = await this.dataSource.query(
      'SELECT service_id, last_number AS n FROM number_sequence WHERE site_id = $1 AND business_date = $2',
      [site.id, date],
    );
    const outlooks = new Map<string, ServiceOutlook>();
    for (const s of services) {
      const q = queues.find((x) => x.serviceId === s.id);
      const wait = q?.estimatedWait ?? null;
      const judged = wait ?? ifOneOpens.get(s.id) ?? null;
      outlooks.set(s.id, {
        waiting: q?.waiting ?? 0,
        estimatedWait: wait,
        judged,
        // No open counter: judged as if one opened now, so a ticket drawn just before closing is still warned about.
        reachedBeforeClose: minutesToClose === null || judged === null || judged.minutes < minutesToClose,
        capReached: s.dailyCap !== null && (issued.find((r) => r.service_id === s.id)?.n ?? 0) >= s.dailyCap,
      });
    }
    return { services, outlooks };
  }

  /** Other open sites of the same municipality (by slug: "aarhus kommune" is "Aarhus Kommune"), shortest current wait first. */
  private async alternatives(site: Site) {
    if (!site.municipality) return [];
    const slug = municipalitySlug(site.municipality);
    const repo = this.dataSource.getRepository(Site);
    const named = await repo.find({ select: { id: true, municipality: true }, where: { municipality: Not(IsNull()) } });
    const others = await repo.findBy({ id: In(named.filter((o) => municipalitySlug(o.municipality!) === slug).map((o) => o.id)) });
    const now = this.clock.now();
    const out = [];
    for (const other of others.filter((o) => o.id !== site.id && openingState(o.openingHours, o.timezone, now).open)) {
      const queues = await this.queueState.forServices(this.dataSource.manager, other.id, businessDate(now, other.timezone));
      const shortest = Math.min(...queues.map((q) => q.estimatedWait?.minutes ?? Infinity));
      out.push({ slug: other.slug, name: other.name, shortestWaitMinutes: Number.isFinite(shortest) ? shortest : null });
    }
    return out.sort((a, b) => (a.shortestWaitMinutes ?? 1e9) - (b.shortestWaitMinutes ?? 1e9)).slice(0, 3);
  }
}
