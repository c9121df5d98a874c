/**
 * A day drawn in advance: every visit with its arrival, service, priority,
 * appointment, patience and service duration, every booking, every counter
 * pause. All the randomness of a day lives here, so the day simulator is a
 * pure function of the plan, and a driver can replay the same plan against
 * the real system over HTTP and compare.
 */
import { LeaveCounts, NoShowCounts } from '../wait/patience';
import { Random, bernoulli, exponential, lognormal, mixSeed, poisson, sfc32, standardNormal } from '../wait/seeded-random';
import { DurationModel, Scenario } from './scenario';

export interface PlannedVisit {
  id: string;
  serviceId: string;
  /** Minute of day the citizen draws the ticket (or checks in). */
  arriveAt: number;
  priority: number;
  /** Minute of day of the booking; null for walk-ins. */
  appointmentAt: number | null;
  /** How long the citizen will wait before giving up; null: as long as it takes. */
  patienceMinutes: number | null;
  /** On giving up: cancels the ticket (true) or just leaves and misses the call (false). */
  cancelsWhenLeaving: boolean;
  /** False: does not come when called (no-show), whatever the wait. */
  answersCall: boolean;
  /** Counter time from the call to the finish, if served. */
  serviceMinutes: number;
}

export interface PlannedBooking {
  serviceId: string;
  appointmentAt: number;
  /** The visit that checks in for it; null when the citizen never comes. */
  visitId: string | null;
}

export interface PlannedPause {
  counterId: string;
  at: number;
  minutes: number;
  reason: 'lunch' | 'interruption';
}

export interface DayPlan {
  seed: number;
  scenario: string;
  date: string;
  visits: PlannedVisit[];
  bookings: PlannedBooking[];
  pauses: PlannedPause[];
  /** Durations (minutes) measured on earlier days, per service, oldest first. */
  history: Record<string, number[]>;
  /** Calls, no-shows, waits and leaves measured on earlier days, per service (live: the 14 days before today). */
  pastMeasures?: Record<string, CitizenMeasures>;
}

/** What a site counts of its citizens per service: calls and no-shows, waits and leaves (patience.ts). */
export interface CitizenMeasures {
  calls: NoShowCounts;
  leaves: LeaveCounts;
}

export function sampleDuration(model: DurationModel, rng: Random): number {
  if (model.kind === 'exponential') return exponential(rng, model.meanMinutes);
  const mu = Math.log(model.meanMinutes) - (model.logSigma * model.logSigma) / 2;
  return lognormal(rng, mu, model.logSigma);
}

const dayStarts = new Map<string, number>(); // the simulator asks for instants constantly

/** The instant of a minute of the plan's day (the simulated clock reads site-local time as UTC). */
export function planInstant(plan: { date: string }, minuteOfDay: number): Date {
  let start = dayStarts.get(plan.date);
  if (start === undefined) dayStarts.set(plan.date, (start = Date.parse(`${plan.date}T00:00:00Z`)));
  return new Date(start + minuteOfDay * 60000);
}

export function generateDayPlan(seed: number, scenario: Scenario): DayPlan {
  const rng = sfc32(mixSeed(seed, 0x5ced));
  const dayFactor = scenario.dayVolumeSigma > 0 ? Math.exp(scenario.dayVolumeSigma * standardNormal(rng) - scenario.dayVolumeSigma ** 2 / 2) : 1;
  const drafts: Omit<PlannedVisit, 'id'>[] = [];
  const patience = scenario.patience;
  const draft = (serviceId: string, arriveAt: number, appointmentAt: number | null, priority: number, answersCall: boolean) => {
    const service = scenario.services.find((s) => s.id === serviceId)!;
    drafts.push({
      serviceId,
      arriveAt,
      priority,
      appointmentAt,
      patienceMinutes: patience ? lognormal(rng, Math.log(patience.meanMinutes) - patience.logSigma ** 2 / 2, patience.logSigma) : null,
      cancelsWhenLeaving: patience ? bernoulli(rng, patience.cancelShare) : false,
      answersCall,
      serviceMinutes: sampleDuration(service.duration, rng),
    });
  };

  // Walk-ins: a Poisson process whose rate is constant within each profile slot.
  const { slotMinutes, weights } = scenario.arrivalProfile;
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  for (const service of scenario.services) {
    weights.forEach((w, i) => {
      const start = scenario.opensAt + i * slotMinutes;
      const end = Math.min(start + slotMinutes, scenario.closesAt);
      const perMinute = (service.walkInsPerDay * dayFactor * w) / totalWeight / slotMinutes;
      if (perMinute <= 0) return;
      for (let t = start + exponential(rng, 1 / perMinute); t < end; t += exponential(rng, 1 / perMinute)) {
        const priority = bernoulli(rng, service.priorityShare ?? 0) ? 1 : 0;
        draft(service.id, t, null, priority, !bernoulli(rng, service.noShowShare ?? 0));
      }
    });
  }

  // Bookings on the slot grid; most booked citizens come a few minutes early.
  const booked: { serviceId: string; appointmentAt: number; draftIndex: number | null }[] = [];
  const model = scenario.appointments;
  if (model) {
    const slots = Math.floor((scenario.closesAt - 30 - scenario.opensAt) / model.slotMinutes) + 1;
    for (const service of scenario.services) {
      const n = poisson(rng, (service.bookedPerDay ?? 0) * dayFactor);
      for (let k = 0; k < n; k++) {
        const appointmentAt = scenario.opensAt + Math.floor(rng.next() * slots) * model.slotMinutes;
        let draftIndex: number | null = null;
        if (bernoulli(rng, model.showShare)) {
          const arriveAt = Math.max(scenario.opensAt, appointmentAt + model.arrivalMeanMinutes + model.arrivalSdMinutes * standardNormal(rng));
          draftIndex = drafts.length;
          draft(service.id, arriveAt, appointmentAt, 0, true);
        }
        booked.push({ serviceId: service.id, appointmentAt, draftIndex });
      }
    }
  }

  const order = drafts.map((_, i) => i).sort((a, b) => drafts[a].arriveAt - drafts[b].arriveAt || a - b);
  const idOf = new Map<number, string>();
  const visits = order.map((i, n) => {
    const id = `v${String(n + 1).padStart(4, '0')}`;
    idOf.set(i, id);
    return { id, ...drafts[i] };
  });
  const bookings = booked
    .map((b) => ({ serviceId: b.serviceId, appointmentAt: b.appointmentAt, visitId: b.draftIndex === null ? null : idOf.get(b.draftIndex)! }))
    .sort((a, b) => a.appointmentAt - b.appointmentAt || a.serviceId.localeCompare(b.serviceId));

  const pauses: PlannedPause[] = [];
  for (const c of scenario.counters) {
    const between = (from: number, to: number) => from + rng.next() * (to - from);
    if (c.lunch) pauses.push({ counterId: c.id, at: between(c.lunch.earliest, c.lunch.latest), minutes: c.lunch.minutes, reason: 'lunch' });
    if (c.interruptions) {
      const end = c.closesAt ?? scenario.closesAt;
      const { perDay, minMinutes, maxMinutes } = c.interruptions;
      for (let k = poisson(rng, perDay); k > 0; k--) {
        pauses.push({ counterId: c.id, at: between(c.opensAt, end), minutes: between(minMinutes, maxMinutes), reason: 'interruption' });
      }
    }
  }
  pauses.sort((a, b) => a.at - b.at || a.counterId.localeCompare(b.counterId));

  const history: Record<string, number[]> = {};
  for (const s of scenario.services) history[s.id] = Array.from({ length: scenario.historyDurations }, () => sampleDuration(s.duration, rng));
  return { seed, scenario: scenario.name, date: scenario.date, visits, bookings, pauses, history };
}
