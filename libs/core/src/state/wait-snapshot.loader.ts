import { EntityManager } from 'typeorm';
import { WaitSnapshot, businessDate, closingTime, lognormalSummary, summariseDurations } from '@skranke/domain';
import { Counter, Service, Site, Ticket } from '@skranke/persistence';

/**
 * The state of a site as the wait estimator sees it, read from PostgreSQL: the
 * same shape the day simulator fills, so the estimator measured in simulation
 * is the one that runs here.
 */
export async function loadWaitSnapshot(db: EntityManager, siteId: string, now: Date, durations: Map<string, number[]>): Promise<WaitSnapshot> {
  const site = await db.getRepository(Site).findOneByOrFail({ id: siteId });
  const date = businessDate(now, site.timezone);
  const services = await db.getRepository(Service).findBy({ siteId, active: true });
  const counters = await db.getRepository(Counter).findBy({ siteId, active: true });
  const tickets = await db.getRepository(Ticket).find({
    where: [
      { siteId, businessDate: date, status: 'waiting' },
      { siteId, businessDate: date, status: 'called' },
      { siteId, businessDate: date, status: 'in-service' },
    ],
    select: { id: true, serviceId: true, status: true, orderedAt: true, issuedAt: true, priority: true, appointmentAt: true, counterId: true, calledAt: true },
  });
  // Before a service has measurements, assume it takes half its target (a log-spread typical of counter work).
  const prior = (s: Service) => lognormalSummary(Math.max(2, s.targetWaitMinutes / 2), 0.6);
  return {
    now,
    waiting: tickets.filter((t) => t.status === 'waiting'),
    counters: counters.map((c) => ({
      id: c.id,
      state: c.state,
      serviceIds: c.serviceIds,
      seats: c.seats,
      busy: tickets
        .filter((t) => t.counterId === c.id && t.status !== 'waiting')
        .map((t) => ({ serviceId: t.serviceId, startedAt: t.calledAt ?? now })),
    })),
    services: new Map(services.map((s) => [s.id, { durations: summariseDurations(durations.get(s.id) ?? [], { prior: prior(s) }) }])),
    targetWaitMinutes: new Map(services.map((s) => [s.id, s.targetWaitMinutes])),
    ordering: site.ordering,
    arrivalsEndAt: closingTime(site.openingHours, site.timezone, date),
  };
}
