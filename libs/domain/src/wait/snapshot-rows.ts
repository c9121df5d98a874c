/**
 * The wait snapshot built from plain rows: what the live loader reads from
 * PostgreSQL and what the day simulator holds, in one shape. Both call
 * `snapshotFromRows`, so the figures `predict-eval` measures are the ones the
 * live path computes: the rates, the arrival forecast, the counters' returns,
 * openings, closings and breaks are derived here, once, for both.
 */
import { OrderingSettings } from '../queue/ordering';
import { CounterState } from '../roles';
import { forecastArrivalsPerHour } from './arrival-forecast';
import { DurationSummary, summariseDurations } from './duration-stats';
import { normalSf } from './normal-math';
import { LeaveCounts, NoShowCounts, leaveHazard, noShowByWait, sumLeaveCounts, sumNoShowCounts } from './patience';
import { CounterSnapshot, PauseModel, ServiceStats, UpcomingAppointment, WaitSnapshot, WaitingTicket } from './wait-snapshot';

/** A ticket of the day that is waiting, or being served at a counter (busy from the call). */
export interface RoomTicketRow extends WaitingTicket {
  status: 'waiting' | 'called' | 'in-service';
  counterId: string | null;
  calledAt: Date | null;
}

export interface ServiceRow {
  id: string;
  targetWaitMinutes: number;
  /** Handling times measured from the call to the end (minutes, oldest first), or a known summary. */
  durations: DurationSummary | readonly number[];
  /** What a service without measurements is assumed to take. */
  prior?: DurationSummary;
  /** Calls measured, and how many of them nobody answered, by stretch of minutes waited at the call. */
  calls: NoShowCounts;
  /** Minutes waited by the tickets measured (until called, cancelled or now) and the cancels, by stretch of minutes waited. */
  leaves: LeaveCounts;
  /** Known rates (a scenario that gives the true figures) instead of the counts. */
  knownNoShowRate?: number;
  /** The usual walk-ins per hour by hour of day (0–23) for this weekday. */
  usualPerHour: readonly number[];
  /** Walk-ins issued in the last 60 minutes; null: not open that long today. */
  lastHourWalkIns: number | null;
  lastWaitMinutes?: number | null;
}

/** A planned stretch a counter is staffed (counter plan, or the simulated rota). */
export interface CounterShift {
  opens: Date;
  /** null: no planned end. */
  closes: Date | null;
}

export interface CounterRow {
  id: string;
  state: CounterState;
  serviceIds: readonly string[];
  seats: number;
  /** Paused: when the counter said it would be back (the pause's expected length); null: not said. */
  pausedUntil: Date | null;
  /** Today's planned shifts; absent or empty: no plan known. */
  shifts?: readonly CounterShift[];
  /** A break the rota still owes within a window (a planned gap between shifts is derived from `shifts`). */
  breakWindow?: { from: Date; until: Date; minutes: number } | null;
}

/** How booked citizens turn up, as measured: the share who come and their punctuality. */
export interface BookingShowModel {
  showShare: number;
  arrivalMeanMinutes: number;
  arrivalSdMinutes: number;
}

export interface SnapshotRows {
  now: Date;
  /** The site's local hour of day at `now` (the arrival forecast's hour). */
  hourOfDay: number;
  ordering: OrderingSettings;
  arrivalsEndAt: Date | null;
  services: readonly ServiceRow[];
  counters: readonly CounterRow[];
  tickets: readonly RoomTicketRow[];
  /** Bookings of the day not checked in yet. */
  bookings?: readonly { serviceId: string; appointmentAt: Date }[];
  bookingShow?: BookingShowModel;
  /** Counter time lost on a no-show (recalls, then the mark). */
  noShowMinutes?: number;
  /** Unannounced spells away as measured; absent: none measured (a pause without a length then counts as DEFAULT_PAUSE_MINUTES). */
  pauses?: PauseModel;
}

export const NO_SHOW_PRIOR = { rate: 0.05, weight: 20 };
/** A pause without a length, when no pause lengths are measured: as the shortest preset ("Pause 15 min") would say, less a little. */
export const DEFAULT_PAUSE_MINUTES = 10;
/** A booking not here this long after its time is no longer expected. */
export const BOOKING_GRACE_MINUTES = 15;
const DEFAULT_BOOKING_SHOW: BookingShowModel = { showShare: 0.9, arrivalMeanMinutes: -5, arrivalSdMinutes: 5 };

const rate = (events: number, of: number, prior: { rate: number; weight: number }) => (events + prior.rate * prior.weight) / (of + prior.weight);

export interface SiteCounts {
  leaves: LeaveCounts;
  calls: NoShowCounts;
}

export function serviceStatsOf(row: ServiceRow, hourOfDay: number, noShowMinutes: number, site: SiteCounts): ServiceStats {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const noShowRate = row.knownNoShowRate ?? rate(sum(row.calls.noShows), sum(row.calls.calls), NO_SHOW_PRIOR);
  return {
    durations: Array.isArray(row.durations) ? summariseDurations(row.durations, row.prior ? { prior: row.prior } : {}) : row.durations,
    noShowRate,
    noShowByWait: row.knownNoShowRate === undefined ? noShowByWait(row.calls, site.calls, noShowRate) : undefined,
    noShowMinutes,
    leaveHazard: leaveHazard(row.leaves, site.leaves),
    arrivalsPerHour: forecastArrivalsPerHour({ historyPerHour: row.usualPerHour, hourOfDay, lastHourCount: row.lastHourWalkIns }),
    lastWaitMinutes: row.lastWaitMinutes ?? null,
  };
}

/**
 * When a counter that is not open calls again, when an open one stops, and the
 * break it still owes — from its pause's expected return and today's plan.
 */
export function counterTimes(row: CounterRow, now: Date, pauses?: PauseModel): Pick<CounterSnapshot, 'availableAt' | 'closesAt' | 'breakDue'> {
  const nowMs = now.getTime();
  const shifts = [...(row.shifts ?? [])].sort((a, b) => a.opens.getTime() - b.opens.getTime());
  const nextOpening = shifts.find((s) => s.opens.getTime() > nowMs)?.opens ?? null;
  const inShift = shifts.some((s) => s.opens.getTime() <= nowMs && (s.closes === null || s.closes.getTime() > nowMs));
  let availableAt: Date | null = null;
  if (row.state === 'paused') {
    // Said when it is back; else the plan's next opening when it is between shifts; else a mean pause from now.
    if (row.pausedUntil) availableAt = new Date(Math.max(row.pausedUntil.getTime(), nowMs));
    else if (nextOpening && !inShift) availableAt = nextOpening;
    else availableAt = new Date(nowMs + (pauses && pauses.meanMinutes > 0 ? pauses.meanMinutes : DEFAULT_PAUSE_MINUTES) * 60000);
  } else if (row.state === 'closed') availableAt = nextOpening;
  const last = shifts[shifts.length - 1];
  const closesAt = last && last.closes && last.closes.getTime() > nowMs ? last.closes : null;
  let breakDue: CounterSnapshot['breakDue'] = row.breakWindow ?? null;
  if (!breakDue) {
    const from = Math.max(nowMs, availableAt?.getTime() ?? nowMs);
    for (let i = 0; i + 1 < shifts.length; i++) {
      const end = shifts[i].closes;
      if (!end || end.getTime() < from) continue;
      breakDue = { from: end, until: end, minutes: (shifts[i + 1].opens.getTime() - end.getTime()) / 60000 };
      break;
    }
  }
  return { availableAt, closesAt, breakDue };
}

/**
 * Bookings not checked in yet. The closer (or later) the appointment, the less
 * likely a citizen who is not here yet still comes: the show rate conditioned
 * on not having arrived, with the measured punctuality.
 */
export function upcomingOf(rows: SnapshotRows): UpcomingAppointment[] {
  const model = rows.bookingShow ?? DEFAULT_BOOKING_SHOW;
  const nowMs = rows.now.getTime();
  const list: UpcomingAppointment[] = [];
  for (const b of rows.bookings ?? []) {
    const late = (nowMs - b.appointmentAt.getTime()) / 60000;
    if (late >= BOOKING_GRACE_MINUTES) continue;
    const stillToCome = model.showShare * normalSf((late - model.arrivalMeanMinutes) / model.arrivalSdMinutes);
    list.push({ serviceId: b.serviceId, appointmentAt: b.appointmentAt, showProbability: stillToCome / (1 - model.showShare + stillToCome) });
  }
  return list;
}

export function snapshotFromRows(rows: SnapshotRows): WaitSnapshot {
  const { now, tickets } = rows;
  const busy = new Map<string, { serviceId: string; startedAt: Date }[]>();
  const waiting: WaitingTicket[] = [];
  for (const t of tickets) {
    if (t.status === 'waiting') waiting.push(t);
    else if (t.counterId) {
      const list = busy.get(t.counterId) ?? busy.set(t.counterId, []).get(t.counterId)!;
      list.push({ serviceId: t.serviceId, startedAt: t.calledAt ?? now });
    }
  }
  const noShowMinutes = rows.noShowMinutes ?? 1.5;
  const site = { leaves: sumLeaveCounts(rows.services.map((s) => s.leaves)), calls: sumNoShowCounts(rows.services.map((s) => s.calls)) };
  return {
    now,
    waiting,
    counters: rows.counters.map((c) => ({
      id: c.id,
      state: c.state,
      serviceIds: c.serviceIds,
      seats: c.seats,
      busy: busy.get(c.id) ?? [],
      ...counterTimes(c, now, rows.pauses),
    })),
    services: new Map(rows.services.map((s) => [s.id, serviceStatsOf(s, rows.hourOfDay, noShowMinutes, site)])),
    targetWaitMinutes: new Map(rows.services.map((s) => [s.id, s.targetWaitMinutes])),
    ordering: rows.ordering,
    upcomingAppointments: upcomingOf(rows),
    arrivalsEndAt: rows.arrivalsEndAt,
    pauses: rows.pauses,
  };
}
