import { EntityManager } from 'typeorm';
import { WaitSnapshot, WaitingTicket, businessDate, closingTime, lognormalSummary, summariseDurations } from '@skranke/domain';
import { Counter, Service, Site, preparedQuery } from '@skranke/persistence';

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
  const tickets = await roomTickets(db, siteId, date);
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

type RoomTicket = WaitingTicket & { status: 'waiting' | 'called' | 'in-service'; counterId: string | null; calledAt: Date | null };

const ROOM_COLUMNS = `id, service_id AS "serviceId", status, ordered_at AS "orderedAt", issued_at AS "issuedAt", priority,
  appointment_at AS "appointmentAt", counter_id AS "counterId", called_at AS "calledAt"`;

/**
 * The day's waiting and active tickets of the site, the columns the estimator
 * reads, named as it reads them. A plain query, not an entity find: on a busy
 * day this is the whole room every two seconds, and building entities for it
 * held the event loop (tens of milliseconds at a thousand waiting) while every
 * kiosk waited. The waiting ones are read apart, over the waiting-queue index.
 */
function roomTickets(db: EntityManager, siteId: string, date: string): Promise<RoomTicket[]> {
  return preparedQuery<RoomTicket>(
    db,
    `SELECT ${ROOM_COLUMNS} FROM ticket WHERE site_id = $1 AND business_date = $2 AND status = 'waiting'
     UNION ALL
     SELECT ${ROOM_COLUMNS} FROM ticket WHERE site_id = $1 AND business_date = $2 AND status IN ('called', 'in-service')`,
    [siteId, date],
  );
}
