/**
 * The virtual schedule: play the site forward from a snapshot — seats finish
 * their current citizens, then call tickets in the real call order
 * (`compareForCall` at the virtual instant), while forecast walk-ins and
 * booked citizens join — and note when each waiting ticket would be called.
 * One run with expected durations, or a run with sampled durations
 * (a Monte-Carlo replication). Within one service the call order never
 * changes over time, so each counter only compares the heads of its
 * services' queues: a run is O(calls × profile length).
 */
import { CallContext, QueuedTicket, compareForCall } from '../queue/ordering';
import { DurationSummary, expectedResidual, lognormalMean, sampleResidual, summariseDurations } from './duration-stats';
import { Random, bernoulli, exponential, lognormal } from './seeded-random';
import { WaitSnapshot } from './wait-snapshot';

interface ServiceModel {
  id: string;
  dist: DurationSummary;
  noShowRate: number;
  noShowMinutes: number;
  /** Forecast walk-ins per minute (0: none foreseen). */
  ratePerMinute: number;
  walkIns: QueuedTicket[]; // real, in call order
  appointments: QueuedTicket[]; // real, checked in, by appointment time
  upcoming: { ticket: QueuedTicket; dueAt: number; show: number }[]; // by due time
}

interface CounterModel {
  ctx: CallContext;
  services: number[];
  closesAt: number;
}

const HORIZON_MINUTES = 24 * 60; // nothing is estimated beyond a day

export class VirtualSchedule {
  /** Waiting tickets in snapshot order; run() writes their call times (minutes from now) by this index. */
  readonly tickets: readonly QueuedTicket[];
  private readonly slotOf = new Map<QueuedTicket, number>();
  private readonly services: ServiceModel[] = [];
  private readonly counters: CounterModel[] = [];
  private readonly seatCounter: number[] = [];
  private readonly seatBusy: { service: number; elapsed: number; availableAt: number }[] = [];
  private readonly nowMs: number;
  private readonly clock: Date;
  private readonly arrivalsEnd: number;

  constructor(snapshot: WaitSnapshot) {
    this.nowMs = snapshot.now.getTime();
    this.clock = new Date(this.nowMs);
    const minutesFromNow = (d: Date) => (d.getTime() - this.nowMs) / 60000;
    this.arrivalsEnd = snapshot.arrivalsEndAt ? minutesFromNow(snapshot.arrivalsEndAt) : HORIZON_MINUTES;
    const index = new Map<string, number>();
    const serviceIdx = (id: string): number => {
      let i = index.get(id);
      if (i === undefined) {
        i = this.services.length;
        index.set(id, i);
        const stats = snapshot.services.get(id);
        const d = stats?.durations;
        this.services.push({
          id,
          dist: d === undefined ? summariseDurations([]) : Array.isArray(d) ? summariseDurations(d) : (d as DurationSummary),
          noShowRate: stats?.noShowRate ?? 0,
          noShowMinutes: stats?.noShowMinutes ?? 1.5,
          ratePerMinute: (stats?.arrivalsPerHour ?? 0) / 60,
          walkIns: [],
          appointments: [],
          upcoming: [],
        });
      }
      return i;
    };
    const settings = snapshot.ordering;
    const headStartMs = settings.priorityHeadStartMinutes * 60000;
    this.tickets = snapshot.waiting;
    snapshot.waiting.forEach((t, slot) => {
      this.slotOf.set(t, slot);
      const s = this.services[serviceIdx(t.serviceId)];
      (t.appointmentAt ? s.appointments : s.walkIns).push(t);
    });
    // Within a service the order is fixed: by ordered time less any head start, then as compareForCall breaks ties.
    const key = (t: QueuedTicket) => t.orderedAt.getTime() - (settings.policy === 'target-aware' && t.priority > 0 ? headStartMs : 0);
    const tie = (a: QueuedTicket, b: QueuedTicket) => a.orderedAt.getTime() - b.orderedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    for (const s of this.services) {
      s.walkIns.sort((a, b) => key(a) - key(b) || tie(a, b));
      s.appointments.sort((a, b) => a.appointmentAt!.getTime() - b.appointmentAt!.getTime() || tie(a, b));
    }
    const aheadMs = settings.appointmentCallAheadMinutes * 60000;
    for (const [i, u] of (snapshot.upcomingAppointments ?? []).entries()) {
      const dueMs = Math.max(u.appointmentAt.getTime() - aheadMs, this.nowMs);
      const ticket: QueuedTicket = { id: `~a${i}`, serviceId: u.serviceId, orderedAt: new Date(dueMs), priority: 0, appointmentAt: u.appointmentAt };
      this.services[serviceIdx(u.serviceId)].upcoming.push({ ticket, dueAt: (dueMs - this.nowMs) / 60000, show: u.showProbability ?? 0.9 });
    }
    for (const s of this.services) s.upcoming.sort((a, b) => a.dueAt - b.dueAt);

    for (const c of snapshot.counters) {
      const availableAt = c.state === 'open' ? 0 : c.availableAt ? Math.max(0, minutesFromNow(c.availableAt)) : Infinity;
      if (availableAt === Infinity) continue; // contributes nothing within the estimate
      const counter = this.counters.length;
      this.counters.push({
        ctx: { serviceIds: c.serviceIds, targetWaitMinutes: snapshot.targetWaitMinutes, settings, now: this.clock },
        services: c.serviceIds.map(serviceIdx),
        closesAt: c.closesAt ? minutesFromNow(c.closesAt) : Infinity,
      });
      const seats = Math.max(c.seats, c.busy.length);
      for (let k = 0; k < seats; k++) {
        const b = c.busy[k];
        this.seatCounter.push(counter);
        this.seatBusy.push({
          service: b ? serviceIdx(b.serviceId) : -1,
          elapsed: b ? Math.max(0, -minutesFromNow(b.startedAt)) : 0,
          availableAt,
        });
      }
    }
  }

  /**
   * One replay. `rng` null: expected durations, booked citizens weighted by
   * their show rate, forecast walk-ins evenly spaced. Writes minutes-from-now
   * call times into `out[offset + slot]` (Infinity: not called within the
   * horizon) and stops once the tickets in `wanted` (all if absent) are placed.
   */
  run(rng: Random | null, out: Float64Array, offset = 0, wanted?: ReadonlySet<number>): void {
    const { services, counters, seatCounter } = this;
    for (let i = 0; i < this.tickets.length; i++) out[offset + i] = Infinity;
    let remaining = wanted ? wanted.size : this.tickets.length;
    const seatFree = this.seatBusy.map((b) => {
      if (b.service < 0) return b.availableAt;
      const dist = services[b.service].dist;
      return Math.max(b.availableAt, rng ? sampleResidual(dist, b.elapsed, rng) : expectedResidual(dist, b.elapsed));
    });
    const walkHead = services.map(() => 0);
    const apptHead = services.map(() => 0);
    const upHead = services.map(() => 0);
    const upAdmit = services.map(() => 0);
    const shows = services.map((s) => s.upcoming.map((u) => (rng ? bernoulli(rng, u.show) : true)));
    const virtual: QueuedTicket[][] = services.map(() => []);
    const nextArrival = services.map((s) => (s.ratePerMinute > 0 ? (rng ? exponential(rng, 1 / s.ratePerMinute) : 0.5 / s.ratePerMinute) : Infinity));

    while (remaining > 0) {
      let seat = -1;
      let t = Infinity;
      for (let k = 0; k < seatFree.length; k++) if (seatFree[k] < t) (t = seatFree[k]), (seat = k);
      if (seat < 0 || t > HORIZON_MINUTES) break;
      const counter = counters[seatCounter[seat]];
      if (t >= counter.closesAt) {
        seatFree[seat] = Infinity;
        continue;
      }
      this.clock.setTime(this.nowMs + t * 60000);
      // Admit forecast walk-ins and booked citizens who are due by now.
      for (let s = 0; s < services.length; s++) {
        const m = services[s];
        while (nextArrival[s] <= t && nextArrival[s] <= this.arrivalsEnd) {
          const at = nextArrival[s];
          virtual[s].push({ id: '~v', serviceId: m.id, orderedAt: new Date(this.nowMs + at * 60000), priority: 0, appointmentAt: null });
          nextArrival[s] = at + (rng ? exponential(rng, 1 / m.ratePerMinute) : 1 / m.ratePerMinute);
        }
        while (upAdmit[s] < m.upcoming.length && m.upcoming[upAdmit[s]].dueAt <= t) upAdmit[s]++;
        while (upHead[s] < upAdmit[s] && !shows[s][upHead[s]]) upHead[s]++;
      }
      // The counter's best candidate: the head of each of its services' queues, compared as the real call does.
      let best: QueuedTicket | null = null;
      let bestService = -1;
      let bestQueue = 0;
      for (const s of counter.services) {
        const m = services[s];
        const walkIn = walkHead[s] < m.walkIns.length ? m.walkIns[walkHead[s]] : virtual[s][walkHead[s] - m.walkIns.length];
        const booked = m.appointments[apptHead[s]];
        const upcoming = upHead[s] < upAdmit[s] ? m.upcoming[upHead[s]].ticket : undefined;
        if (walkIn && (!best || compareForCall(walkIn, best, counter.ctx) < 0)) (best = walkIn), (bestService = s), (bestQueue = 0);
        if (booked && (!best || compareForCall(booked, best, counter.ctx) < 0)) (best = booked), (bestService = s), (bestQueue = 1);
        if (upcoming && (!best || compareForCall(upcoming, best, counter.ctx) < 0)) (best = upcoming), (bestService = s), (bestQueue = 2);
      }
      if (!best) {
        // Idle until something it serves can turn up.
        let wake = Infinity;
        for (const s of counter.services) {
          const m = services[s];
          if (nextArrival[s] <= this.arrivalsEnd) wake = Math.min(wake, nextArrival[s]);
          if (upAdmit[s] < m.upcoming.length) wake = Math.min(wake, m.upcoming[upAdmit[s]].dueAt);
        }
        seatFree[seat] = Math.max(wake, t);
        continue;
      }
      const m = services[bestService];
      let weight = 1;
      if (bestQueue === 0) walkHead[bestService]++;
      else if (bestQueue === 1) apptHead[bestService]++;
      else {
        weight = rng ? 1 : m.upcoming[upHead[bestService]].show;
        upHead[bestService]++;
        while (upHead[bestService] < upAdmit[bestService] && !shows[bestService][upHead[bestService]]) upHead[bestService]++;
      }
      const slot = this.slotOf.get(best);
      if (slot !== undefined && out[offset + slot] === Infinity) {
        out[offset + slot] = t;
        if (!wanted || wanted.has(slot)) remaining--;
      }
      const busy = rng
        ? bernoulli(rng, m.noShowRate)
          ? m.noShowMinutes
          : lognormal(rng, m.dist.logMu, m.dist.logSigma)
        : (1 - m.noShowRate) * lognormalMean(m.dist) + m.noShowRate * m.noShowMinutes;
      seatFree[seat] = t + weight * busy;
    }
  }
}
