/**
 * A snapshot turned into what the virtual schedule replays: per service its
 * queues in call order (walk-ins, checked-in bookings, bookings still to come)
 * and duration model; per counter its call context, hours and owed break; per
 * seat what it is busy with. Built once per snapshot, replayed many times.
 */
import { CallContext, QueuedTicket } from '../queue/ordering';
import { OwedBreak } from './counter-absences';
import { DurationSummary, asSummary } from './duration-stats';
import { WaitSnapshot } from './wait-snapshot';

export interface ServiceModel {
  id: string;
  dist: DurationSummary;
  noShowRate: number;
  /** By minutes waited at the call (empty: noShowRate). */
  noShowByWait: readonly number[];
  noShowMinutes: number;
  /** Leaves per minute by minutes waited (empty: nobody leaves). */
  leaveHazard: readonly number[];
  /** Forecast walk-ins per minute (0: none foreseen). */
  ratePerMinute: number;
  /** Waiting walk-ins in call order, with their index in the snapshot. */
  walkIns: QueuedTicket[];
  walkInSlots: number[];
  /** Checked-in bookings by appointment time. */
  appointments: QueuedTicket[];
  appointmentSlots: number[];
  /** Bookings not checked in, by due time (minutes from now), with the chance they come. */
  upcoming: QueuedTicket[];
  upcomingDue: number[];
  upcomingShow: number[];
}

export interface CounterModel {
  ctx: CallContext;
  services: number[];
  /** Minutes from now: when it may call (0 if open), when it stops. */
  availableAt: number;
  closesAt: number;
  owedBreak: OwedBreak | null;
}

export interface SeatModel {
  counter: number;
  /** The service of the citizen in this seat, -1 when idle. */
  service: number;
  elapsed: number;
}

export interface ScheduleModel {
  nowMs: number;
  /** The virtual clock the counters' call contexts read. */
  clock: Date;
  tickets: readonly QueuedTicket[];
  services: ServiceModel[];
  counters: CounterModel[];
  seats: SeatModel[];
  arrivalsEnd: number;
  spellEvery: number;
  spellMinutes: number;
}

export const HORIZON_MINUTES = 24 * 60; // nothing is estimated beyond a day

export function buildScheduleModel(snapshot: WaitSnapshot): ScheduleModel {
  const nowMs = snapshot.now.getTime();
  const fromNow = (d: Date) => (d.getTime() - nowMs) / 60000;
  const clock = new Date(nowMs);
  const settings = snapshot.ordering;
  const services: ServiceModel[] = [];
  const index = new Map<string, number>();
  const serviceIdx = (id: string): number => {
    let i = index.get(id);
    if (i !== undefined) return i;
    i = services.length;
    index.set(id, i);
    const stats = snapshot.services.get(id);
    services.push({
      id,
      dist: asSummary(stats?.durations),
      noShowRate: stats?.noShowRate ?? 0,
      noShowByWait: stats?.noShowByWait ?? [],
      noShowMinutes: stats?.noShowMinutes ?? 1.5,
      leaveHazard: stats?.leaveHazard ?? [],
      ratePerMinute: (stats?.arrivalsPerHour ?? 0) / 60,
      walkIns: [],
      walkInSlots: [],
      appointments: [],
      appointmentSlots: [],
      upcoming: [],
      upcomingDue: [],
      upcomingShow: [],
    });
    return i;
  };

  // Within a service the call order never changes: ordered time less any head
  // start (target-aware), appointment time for bookings; ties as compareForCall.
  const headStartMs = settings.policy === 'target-aware' ? settings.priorityHeadStartMinutes * 60000 : 0;
  const key = (t: QueuedTicket) => (t.appointmentAt ? t.appointmentAt.getTime() : t.orderedAt.getTime() - (t.priority > 0 ? headStartMs : 0));
  const order = snapshot.waiting.map((t, slot) => ({ t, slot }));
  order.sort((a, b) => key(a.t) - key(b.t) || a.t.orderedAt.getTime() - b.t.orderedAt.getTime() || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  for (const { t, slot } of order) {
    const s = services[serviceIdx(t.serviceId)];
    if (t.appointmentAt) {
      s.appointments.push(t);
      s.appointmentSlots.push(slot);
    } else {
      s.walkIns.push(t);
      s.walkInSlots.push(slot);
    }
  }

  const aheadMs = settings.appointmentCallAheadMinutes * 60000;
  const upcoming = (snapshot.upcomingAppointments ?? []).map((u, i) => {
    const dueMs = Math.max(u.appointmentAt.getTime() - aheadMs, nowMs);
    const ticket: QueuedTicket = { id: `~a${i}`, serviceId: u.serviceId, orderedAt: new Date(dueMs), priority: 0, appointmentAt: u.appointmentAt };
    return { ticket, due: (dueMs - nowMs) / 60000, show: u.showProbability ?? 0.9 };
  });
  upcoming.sort((a, b) => a.due - b.due || a.ticket.appointmentAt!.getTime() - b.ticket.appointmentAt!.getTime());
  for (const u of upcoming) {
    const s = services[serviceIdx(u.ticket.serviceId)];
    s.upcoming.push(u.ticket);
    s.upcomingDue.push(u.due);
    s.upcomingShow.push(u.show);
  }

  const counters: CounterModel[] = [];
  const seats: SeatModel[] = [];
  for (const c of snapshot.counters) {
    const availableAt = c.state === 'open' ? 0 : c.availableAt ? Math.max(0, fromNow(c.availableAt)) : Infinity;
    if (availableAt === Infinity) continue; // contributes nothing within the estimate
    const owed = c.breakDue;
    counters.push({
      ctx: { serviceIds: c.serviceIds, targetWaitMinutes: snapshot.targetWaitMinutes, settings, now: clock },
      services: c.serviceIds.map(serviceIdx),
      availableAt,
      closesAt: c.closesAt ? fromNow(c.closesAt) : Infinity,
      owedBreak: owed ? { from: fromNow(owed.from), until: fromNow(owed.until), minutes: owed.minutes } : null,
    });
    for (let k = 0; k < Math.max(c.seats, c.busy.length); k++) {
      const b = c.busy[k];
      seats.push({ counter: counters.length - 1, service: b ? serviceIdx(b.serviceId) : -1, elapsed: b ? Math.max(0, -fromNow(b.startedAt)) : 0 });
    }
  }

  const pauses = snapshot.pauses;
  return {
    nowMs,
    clock,
    tickets: snapshot.waiting,
    services,
    counters,
    seats,
    arrivalsEnd: snapshot.arrivalsEndAt ? fromNow(snapshot.arrivalsEndAt) : HORIZON_MINUTES,
    spellEvery: pauses && pauses.perCounterHour > 0 ? 60 / pauses.perCounterHour : Infinity,
    spellMinutes: pauses?.meanMinutes ?? 0,
  };
}
