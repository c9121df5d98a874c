/**
 * The virtual schedule: play the site forward from a snapshot — seats finish
 * their current citizens, then call tickets in the real call order
 * (`compareForCall` at the virtual instant), while forecast walk-ins and
 * booked citizens join and counters step away — and note when each waiting
 * ticket would be called. One run with expected durations, or runs with
 * sampled durations (Monte-Carlo replications). Within one service the call
 * order never changes over time, so a counter only compares the heads of its
 * services' queues: a run is O(calls × profile length), and it reuses its
 * buffers so replications allocate next to nothing.
 */
import { QueuedTicket, compareForCall } from '../queue/ordering';
import { CounterAbsences } from './counter-absences';
import { expectedResidual, lognormalMean, sampleResidual } from './duration-stats';
import { cumulativeHazard, stretchOf } from './patience';
import { HORIZON_MINUTES, ScheduleModel, buildScheduleModel } from './schedule-model';
import { Random, bernoulli, exponential, lognormal } from './seeded-random';
import { WaitSnapshot } from './wait-snapshot';

const WALK_IN = 0;
const BOOKED = 1;
const UPCOMING = 2;

export class VirtualSchedule {
  /** Waiting tickets in snapshot order; run() writes their call times (minutes from now) by this index. */
  readonly tickets: readonly QueuedTicket[];
  private readonly model: ScheduleModel;
  private readonly absences: CounterAbsences;
  private readonly seatFree: Float64Array;
  private readonly nextArrival: Float64Array;
  private readonly walkHead: Int32Array;
  private readonly bookedHead: Int32Array;
  private readonly upHead: Int32Array;
  private readonly upAdmitted: Int32Array;
  private readonly virtualCount: Int32Array;
  private readonly shows: Uint8Array[];
  /** Forecast walk-ins, reused from run to run. */
  private readonly virtualPool: QueuedTicket[][];
  /** Tickets some available counter serves; the others are never called, so a run need not wait for them. */
  private readonly callable: boolean[];

  constructor(snapshot: WaitSnapshot) {
    const model = (this.model = buildScheduleModel(snapshot));
    this.tickets = model.tickets;
    const n = model.services.length;
    this.absences = new CounterAbsences(model.counters, model.spellEvery, model.spellMinutes);
    this.seatFree = new Float64Array(model.seats.length);
    this.nextArrival = new Float64Array(n);
    [this.walkHead, this.bookedHead, this.upHead, this.upAdmitted, this.virtualCount] = [0, 1, 2, 3, 4].map(() => new Int32Array(n));
    this.shows = model.services.map((s) => new Uint8Array(s.upcoming.length));
    this.virtualPool = model.services.map(() => []);
    const served = new Set(model.counters.flatMap((c) => c.services.map((s) => model.services[s].id)));
    this.callable = model.tickets.map((t) => served.has(t.serviceId));
  }

  /**
   * One replay. `rng` null: expected durations, booked citizens weighted by
   * their show rate, forecast walk-ins evenly spaced. Writes minutes-from-now
   * call times into `out[offset + slot]` (Infinity: not called within the
   * horizon) and stops once the tickets in `wanted` (all if absent) are placed.
   */
  run(rng: Random | null, out: Float64Array, offset = 0, wanted?: ReadonlySet<number>): void {
    const { services, counters, seats, nowMs, clock, arrivalsEnd } = this.model;
    const { seatFree, nextArrival, walkHead, bookedHead, upHead, upAdmitted, virtualCount, shows, virtualPool, absences } = this;
    out.fill(Infinity, offset, offset + this.tickets.length);
    let remaining = 0;
    this.callable.forEach((callable, slot) => callable && (!wanted || wanted.has(slot)) && remaining++);
    seats.forEach((seat, k) => {
      const available = counters[seat.counter].availableAt;
      const dist = seat.service >= 0 ? services[seat.service].dist : null;
      seatFree[k] = !dist ? available : Math.max(available, rng ? sampleResidual(dist, seat.elapsed, rng) : expectedResidual(dist, seat.elapsed));
    });
    for (const a of [walkHead, bookedHead, upHead, upAdmitted, virtualCount]) a.fill(0);
    services.forEach((m, s) => {
      for (let u = 0; u < m.upcoming.length; u++) shows[s][u] = !rng || bernoulli(rng, m.upcomingShow[u]) ? 1 : 0;
      nextArrival[s] = m.ratePerMinute > 0 ? (rng ? exponential(rng, 1 / m.ratePerMinute) : 0.5 / m.ratePerMinute) : Infinity;
    });
    absences.reset(rng);
    let admitFrom = 0; // no forecast walk-in or booking is due before this

    while (remaining > 0) {
      let seat = -1;
      let t = Infinity;
      for (let k = 0; k < seatFree.length; k++) if (seatFree[k] < t) {
        t = seatFree[k];
        seat = k;
      }
      if (seat < 0 || t > HORIZON_MINUTES) break;
      const c = seats[seat].counter;
      const counter = counters[c];
      const back = absences.backAt(c, t);
      if (back > t || t >= counter.closesAt) {
        seatFree[seat] = t >= counter.closesAt ? Infinity : back; // away: it calls again once back
        continue;
      }
      clock.setTime(nowMs + t * 60000);
      if (t >= admitFrom && t > 0) {
        // Admit forecast walk-ins and due bookings (a booked citizen is not here *now*: idle seats call who is present first).
        admitFrom = Infinity;
        services.forEach((m, s) => {
          for (; nextArrival[s] <= t && nextArrival[s] <= arrivalsEnd; virtualCount[s]++) {
            const arrival = nowMs + nextArrival[s] * 60000;
            const pool = virtualPool[s];
            if (pool.length === virtualCount[s]) pool.push({ id: '~v', serviceId: m.id, orderedAt: new Date(arrival), priority: 0, appointmentAt: null });
            else pool[virtualCount[s]].orderedAt.setTime(arrival);
            nextArrival[s] += rng ? exponential(rng, 1 / m.ratePerMinute) : 1 / m.ratePerMinute;
          }
          while (upAdmitted[s] < m.upcoming.length && m.upcomingDue[upAdmitted[s]] <= t) upAdmitted[s]++;
          while (upHead[s] < upAdmitted[s] && !shows[s][upHead[s]]) upHead[s]++;
          if (nextArrival[s] <= arrivalsEnd) admitFrom = Math.min(admitFrom, nextArrival[s]);
          if (upAdmitted[s] < m.upcoming.length) admitFrom = Math.min(admitFrom, m.upcomingDue[upAdmitted[s]]);
        });
      }
      // The counter's best candidate: the head of each of its services' queues, compared as the real call does.
      let best: QueuedTicket | null = null;
      let bestService = -1;
      let bestQueue = WALK_IN;
      for (const s of counter.services) {
        const m = services[s];
        const w = walkHead[s];
        const walkIn = w < m.walkIns.length ? m.walkIns[w] : w - m.walkIns.length < virtualCount[s] ? virtualPool[s][w - m.walkIns.length] : null;
        const booked = bookedHead[s] < m.appointments.length ? m.appointments[bookedHead[s]] : null;
        const upcoming = upHead[s] < upAdmitted[s] ? m.upcoming[upHead[s]] : null;
        if (walkIn && (!best || compareForCall(walkIn, best, counter.ctx) < 0)) {
          best = walkIn;
          bestService = s;
          bestQueue = WALK_IN;
        }
        if (booked && (!best || compareForCall(booked, best, counter.ctx) < 0)) {
          best = booked;
          bestService = s;
          bestQueue = BOOKED;
        }
        if (upcoming && (!best || compareForCall(upcoming, best, counter.ctx) < 0)) {
          best = upcoming;
          bestService = s;
          bestQueue = UPCOMING;
        }
      }
      if (!best) {
        // Idle until someone it serves can turn up.
        let wake = Infinity;
        for (const s of counter.services) {
          const m = services[s];
          if (nextArrival[s] <= arrivalsEnd) wake = Math.min(wake, nextArrival[s]);
          if (upAdmitted[s] < m.upcoming.length) wake = Math.min(wake, m.upcomingDue[upAdmitted[s]]);
        }
        seatFree[seat] = Math.max(wake, t, 1e-9);
        continue;
      }
      const m = services[bestService];
      let slot = -1;
      let weight = 1;
      if (bestQueue === WALK_IN) slot = m.walkInSlots[walkHead[bestService]++] ?? -1;
      else if (bestQueue === BOOKED) slot = m.appointmentSlots[bookedHead[bestService]++];
      else {
        weight = rng ? 1 : m.upcomingShow[upHead[bestService]]; // expected run: a booking counts by its show rate
        for (upHead[bestService]++; upHead[bestService] < upAdmitted[bestService] && !shows[bestService][upHead[bestService]]; ) upHead[bestService]++;
      }
      if (slot >= 0) {
        out[offset + slot] = t;
        if (!wanted || wanted.has(slot)) remaining--;
      }
      // A walk-in may have left by its turn (cancelled), the likelier the longer it waited from now (or from
      // its forecast arrival): the counter reaches it but spends no time on it.
      let stays = 1;
      let noShowRate = m.noShowRate;
      if (bestQueue === WALK_IN) {
        const arrives = (best.orderedAt.getTime() - nowMs) / 60000; // negative: here already
        if (m.leaveHazard.length) stays = Math.exp(cumulativeHazard(m.leaveHazard, Math.max(0, -arrives)) - cumulativeHazard(m.leaveHazard, t - arrives));
        if (m.noShowByWait.length) noShowRate = m.noShowByWait[stretchOf(t - arrives)];
      }
      const busy = rng
        ? stays < 1 && !bernoulli(rng, stays)
          ? 0
          : bernoulli(rng, noShowRate)
            ? m.noShowMinutes
            : lognormal(rng, m.dist.logMu, m.dist.logSigma)
        : stays * ((1 - noShowRate) * lognormalMean(m.dist) + noShowRate * m.noShowMinutes);
      seatFree[seat] = t + weight * busy;
    }
  }
}
