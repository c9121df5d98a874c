import { EntityManager } from 'typeorm';
import {
  CounterShift, RoomTicketRow, SnapshotRows, WEEKDAYS, WaitSnapshot, businessDate, closingTime, emptyLeaveCounts, emptyNoShowCounts, intervalsOn,
  lognormalSummary, parseClock, planEntriesOn, snapshotFromRows, zonedInstant, zonedParts,
} from '@skranke/domain';
import { Counter, Service, Site, preparedQuery } from '@skranke/persistence';
import type { WalkInHistory } from '../appointments/walk-in-forecast';
import { SiteMeasures, addMeasures, todayRows } from './service-measures';

/** What the loader reads besides the room: measured over past days, cached by their services. */
export interface SiteHistory {
  /** Handling times from the call (minutes, oldest first) per service. */
  durations: Map<string, number[]>;
  /** Leaves and no-shows of the 14 days before today (today's are read with the room). */
  pastMeasures: (date: string, dayStart: Date) => Promise<SiteMeasures>;
  /** The usual walk-ins per weekday and hour (the staffing advice's and booking plan's forecast). */
  walkIns: WalkInHistory;
}

/**
 * The state of a site as the wait estimator sees it: the rows read from
 * PostgreSQL, turned into a snapshot by `snapshotFromRows` (libs/domain
 * snapshot-rows.ts), the very code the day simulator feeds its rows to — so
 * the estimator `predict-eval` measures is the one that runs here.
 */
export async function loadWaitSnapshot(db: EntityManager, siteId: string, now: Date, history: SiteHistory): Promise<WaitSnapshot> {
  return snapshotFromRows(await loadSnapshotRows(db, siteId, now, history));
}

export async function loadSnapshotRows(db: EntityManager, siteId: string, now: Date, history: SiteHistory): Promise<SnapshotRows> {
  const site = await db.getRepository(Site).findOneByOrFail({ id: siteId });
  const tz = site.timezone;
  const date = businessDate(now, tz);
  // One after another: `db` may be the caller's transaction, one connection.
  // In a fixed order: the replays draw their random numbers seat by seat, so the same room gives the same estimate
  // (an updated row comes back last from an unordered read).
  const services = await db.getRepository(Service).find({ where: { siteId, active: true }, order: { id: 'ASC' } });
  const counters = await db.getRepository(Counter).find({ where: { siteId, active: true }, order: { id: 'ASC' } });
  const tickets = await roomTickets(db, siteId, date);
  const today = await todayRows(db, siteId, date, now);
  const { bookings } = today;
  const measures = addMeasures(await history.pastMeasures(date, zonedInstant(date, 0, tz)), today.measures);
  const local = zonedParts(now, tz);
  const isoWeekday = WEEKDAYS.indexOf(local.weekday) + 1;
  const opening = intervalsOn(site.openingHours, date)[0];
  const openLongEnough = opening ? now.getTime() - zonedInstant(date, parseClock(opening.opens), tz).getTime() >= 3_600_000 : false;
  // Today's counter plan (booking's plan, where the site keeps one): each counter's shifts.
  const shifts = new Map<string, CounterShift[]>();
  for (const e of today.plan ? planEntriesOn(today.plan, date) : []) {
    const list = shifts.get(e.counterId) ?? shifts.set(e.counterId, []).get(e.counterId)!;
    list.push({ opens: zonedInstant(date, parseClock(e.opens), tz), closes: zonedInstant(date, parseClock(e.closes), tz) });
  }
  // Before a service has measurements, assume it takes half its target (a log-spread typical of counter work).
  const prior = (s: Service) => lognormalSummary(Math.max(2, s.targetWaitMinutes / 2), 0.6);
  return {
    now,
    hourOfDay: Math.floor(local.minutes / 60),
    ordering: site.ordering,
    arrivalsEndAt: closingTime(site.openingHours, tz, date),
    services: services.map((s) => ({
      id: s.id,
      targetWaitMinutes: s.targetWaitMinutes,
      durations: history.durations.get(s.id) ?? [],
      prior: prior(s),
      calls: measures.calls.get(s.id) ?? emptyNoShowCounts(),
      leaves: measures.leaves.get(s.id) ?? emptyLeaveCounts(),
      usualPerHour: Array.from({ length: 24 }, (_, h) => history.walkIns.arrivalsPerHour(s.id, isoWeekday, h)),
      lastHourWalkIns: openLongEnough ? (measures.lastHourWalkIns.get(s.id) ?? 0) : null,
    })),
    counters: counters.map((c) => ({
      id: c.id,
      state: c.state,
      serviceIds: c.serviceIds,
      seats: c.seats,
      pausedUntil: c.pausedUntil,
      shifts: shifts.get(c.id),
    })),
    tickets,
    bookings,
  };
}

const ROOM_COLUMNS = `id, service_id AS "serviceId", status, ordered_at AS "orderedAt", issued_at AS "issuedAt", priority,
  appointment_at AS "appointmentAt", counter_id AS "counterId", called_at AS "calledAt"`;

/**
 * The day's waiting and active tickets of the site, the columns the estimator
 * reads, named as it reads them. A plain query, not an entity find: on a busy
 * day this is the whole room every two seconds, and building entities for it
 * held the event loop (tens of milliseconds at a thousand waiting) while every
 * kiosk waited. The waiting ones are read apart, over the waiting-queue index.
 */
function roomTickets(db: EntityManager, siteId: string, date: string): Promise<RoomTicketRow[]> {
  return preparedQuery<RoomTicketRow>(
    db,
    `SELECT ${ROOM_COLUMNS} FROM ticket WHERE site_id = $1 AND business_date = $2 AND status = 'waiting'
     UNION ALL
     SELECT ${ROOM_COLUMNS} FROM ticket WHERE site_id = $1 AND business_date = $2 AND status IN ('called', 'in-service')`,
    [siteId, date],
  );
}
