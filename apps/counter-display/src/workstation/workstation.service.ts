import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor, FloorStateService } from '@skranke/core';
import { notFound } from '@skranke/domain';
import { Counter, Service, Site, siteSettings } from '@skranke/persistence';
import { CounterHoldService } from '../counters/counter-hold.service';
import type { CounterChoiceSchema, CounterCurrentSchema } from './workstation.schemas';

const COUNTER_ROLES = ['counter', 'supervisor'];

/** What the counter workstation page reads: the counters a staff member may work at, and one counter's live view. */
@Injectable()
export class WorkstationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly floor: FloorStateService,
    private readonly holds: CounterHoldService,
  ) {}

  /** Counters at every site where the caller has the counter or supervisor role. */
  async myCounters(actor: Actor): Promise<CounterChoiceSchema[]> {
    if (actor.kind !== 'user') return [];
    const siteIds = actor.superAdmin ? undefined : actor.grants.filter((g) => COUNTER_ROLES.includes(g.role)).map((g) => g.siteId);
    const where = siteIds ? { siteId: In(siteIds), active: true } : { active: true };
    const counters = await this.dataSource.getRepository(Counter).find({ where, order: { name: 'ASC' } });
    const sites = await this.dataSource.getRepository(Site).find({ where: { id: In([...new Set(counters.map((c) => c.siteId))]) } });
    const site = new Map(sites.map((s) => [s.id, s]));
    return counters.map((c) => ({
      id: c.id,
      siteId: c.siteId,
      siteName: site.get(c.siteId)?.name ?? '',
      siteSlug: site.get(c.siteId)?.slug ?? '',
      name: c.name,
      kind: c.kind,
      seats: c.seats,
      state: c.state,
      staffFigures: !!site.get(c.siteId)?.settings?.staffFigures,
    }));
  }

  /**
   * The counter with its citizens per seat (notes and flags included: staff only), who holds it, its services'
   * queues with the numbers waiting in line order, and the site's services for transfer.
   */
  async current(siteId: string, counterId: string): Promise<CounterCurrentSchema> {
    const floor = await this.floor.forSite(siteId);
    const counter = floor.counters.find((c) => c.id === counterId);
    if (!counter) throw notFound('counter_not_found', 'No counter with that id.');
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const queues = new Map(floor.services.map((s) => [s.serviceId, s]));
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const { current, ...view } = counter;
    return {
      seq: floor.seq,
      at: floor.at,
      counter: view,
      hold: await this.holds.holderOf(counterId),
      seats: Array.from({ length: counter.seats }, (_, i) => ({ seat: i + 1, ticket: current.find((t) => t.seat === i + 1) ?? null })),
      queues: counter.serviceIds.map((id) => {
        const q = queues.get(id);
        return {
          serviceId: id,
          waiting: q?.waiting ?? 0,
          longestWaitMinutes: q?.longestWaitMinutes ?? 0,
          targetWaitMinutes: q?.targetWaitMinutes ?? 0,
          tickets: (q?.tickets ?? []).map((t) => ({ id: t.id, number: t.number, serviceId: t.serviceId, issuedAt: t.issuedAt, priority: t.priority, appointmentAt: t.appointmentAt })),
        };
      }),
      services: services.map((s) => ({ id: s.id, code: s.code, prefix: s.prefix, names: s.names, targetWaitMinutes: s.targetWaitMinutes })),
      flags: siteSettings(site.settings).flags,
    };
  }
}
