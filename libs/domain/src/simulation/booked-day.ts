/**
 * A simulated day with every bookable minute booked: the booking capacity
 * Skranke would offer (libs/domain booking: the counter plan × the computed
 * share, from the same walk-in forecast), filled completely, on top of the
 * day's walk-ins. The question it answers: does a fully booked day still let
 * walk-ins meet their waiting-time target?
 *
 * The counter plan is the scenario's rota (each counter from its opening to
 * its closing); lunches and interruptions are NOT taken out of it, as a
 * supervisor's plan would not, so the simulated counters have less time than
 * the capacity assumed. The forecast is the scenario's usual day
 * (`expectedHourly`), the mean handling time its duration model's mean; a
 * booking lasts the p80 of the duration rounded up to 5 minutes (the measured
 * length the nightly job sets). Simulated minutes are site-local minutes,
 * so the capacity is computed in UTC on the scenario's date.
 */
import { CapacityCounter, ServiceDayCapacity, serviceDayCapacity } from '../booking/capacity';
import { DEFAULT_MAX_BOOKING_SHARE, computedBookingShare } from '../booking/booking-share';
import { Random, bernoulli, lognormal, mixSeed, sfc32, standardNormal } from '../wait/seeded-random';
import { DayPlan, PlannedBooking, PlannedVisit, generateDayPlan, sampleDuration } from './day-plan';
import { DayResult } from './day-simulator';
import { DurationModel, Scenario, expectedHourly } from './scenario';

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const Z80 = 0.8416212335729143;

/** The duration's 80th percentile, rounded up to 5 minutes, 5–240 (as the nightly measured length). */
export function p80Minutes(model: DurationModel): number {
  const p80 =
    model.kind === 'exponential'
      ? model.meanMinutes * Math.log(5)
      : Math.exp(Math.log(model.meanMinutes) - model.logSigma ** 2 / 2 + Z80 * model.logSigma);
  return Math.min(240, Math.max(5, Math.ceil(p80 / 5) * 5));
}

/** The capacity of one bookable service on the scenario's day, at the computed share of every 15 minutes. */
export function scenarioCapacity(scenario: Scenario, serviceId: string, maxShare = DEFAULT_MAX_BOOKING_SHARE, fixedShare?: number): ServiceDayCapacity & { appointmentMinutes: number } {
  const service = scenario.services.find((s) => s.id === serviceId);
  if (!service) throw new Error(`no service ${serviceId} in ${scenario.name}`);
  const activeIds = new Set(scenario.services.map((s) => s.id));
  const counters = new Map<string, CapacityCounter>(
    scenario.counters.map((c) => [c.id, { id: c.id, seats: c.seats, serviceIds: c.serviceIds.filter((id) => activeIds.has(id)) }]),
  );
  const entries = scenario.counters.map((c) => ({ counterId: c.id, opens: clock(c.opensAt), closes: clock(c.closesAt ?? scenario.closesAt) }));
  const hourly = expectedHourly(scenario, service);
  const appointmentMinutes = p80Minutes(service.duration);
  const capacity = serviceDayCapacity({
    date: scenario.date,
    timeZone: 'UTC',
    opening: [{ opens: clock(scenario.opensAt), closes: clock(scenario.closesAt) }],
    entries,
    counters,
    serviceId,
    appointmentMinutes,
    share: ({ start, servers }) =>
      fixedShare ??
      computedBookingShare(
        {
          arrivalsPerHour: hourly[start.hour],
          meanServiceMinutes: service.duration.meanMinutes,
          servers,
          targetMinutes: service.targetWaitMinutes,
          serviceLevelPercent: 80,
        },
        maxShare,
      ),
  });
  return { ...capacity, appointmentMinutes };
}

export interface BookedDay {
  plan: DayPlan;
  /** Booked minutes (bookings × their length) per bookable service. */
  bookedMinutes: Record<string, number>;
  bookings: number;
}

/**
 * The day of `seed`: its walk-ins as `generateDayPlan` draws them (the
 * scenario's own random bookings left out), plus a booking for every place
 * the capacity offers; booked citizens come (or not) and arrive around their
 * time as the scenario's appointment model says.
 */
export function fullyBookedDay(seed: number, scenario: Scenario, bookableServiceIds: readonly string[], maxShare?: number, fixedShare?: number): BookedDay {
  const walkIns = generateDayPlan(seed, { ...scenario, appointments: null });
  const model = scenario.appointments ?? { slotMinutes: 15, arrivalMeanMinutes: -5, arrivalSdMinutes: 5, showShare: 0.9 };
  const rng: Random = sfc32(mixSeed(seed, 0xb00c));
  const drafts: Omit<PlannedVisit, 'id'>[] = walkIns.visits.map(({ id: _id, ...v }) => v);
  const booked: { serviceId: string; appointmentAt: number; draft: number | null }[] = [];
  const bookedMinutes: Record<string, number> = {};
  const patience = scenario.patience;
  const dayStartMs = Date.parse(`${scenario.date}T00:00:00Z`);
  for (const serviceId of bookableServiceIds) {
    const service = scenario.services.find((s) => s.id === serviceId)!;
    const capacity = scenarioCapacity(scenario, serviceId, maxShare, fixedShare);
    bookedMinutes[serviceId] = 0;
    for (const slot of capacity.slots) {
      const appointmentAt = (slot.startsAt - dayStartMs) / 60_000;
      for (let k = 0; k < slot.capacity; k++) {
        bookedMinutes[serviceId] += capacity.appointmentMinutes;
        let draft: number | null = null;
        if (bernoulli(rng, model.showShare)) {
          draft = drafts.length;
          drafts.push({
            serviceId,
            arriveAt: Math.max(scenario.opensAt, appointmentAt + model.arrivalMeanMinutes + model.arrivalSdMinutes * standardNormal(rng)),
            priority: 0,
            appointmentAt,
            patienceMinutes: patience ? lognormal(rng, Math.log(patience.meanMinutes) - patience.logSigma ** 2 / 2, patience.logSigma) : null,
            cancelsWhenLeaving: patience ? bernoulli(rng, patience.cancelShare) : false,
            answersCall: true,
            serviceMinutes: sampleDuration(service.duration, rng),
          });
        }
        booked.push({ serviceId, appointmentAt, draft });
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
  const bookings: PlannedBooking[] = booked
    .map((b) => ({ serviceId: b.serviceId, appointmentAt: b.appointmentAt, visitId: b.draft === null ? null : idOf.get(b.draft)! }))
    .sort((a, b) => a.appointmentAt - b.appointmentAt || a.serviceId.localeCompare(b.serviceId));
  return { plan: { ...walkIns, visits, bookings }, bookedMinutes, bookings: booked.length };
}

export interface WalkInDayLevel {
  walkIns: number;
  withinTarget: number;
  /** withinTarget / walkIns (1 on a day without walk-ins). */
  share: number;
}

/**
 * The walk-ins' service level of a simulated day: the share called within
 * their service's target. One who gave up or was never called counts as not
 * within it, however early they left.
 */
export function walkInLevel(result: DayResult, scenario: Scenario, serviceIds?: readonly string[]): WalkInDayLevel {
  const targets = new Map(scenario.services.map((s) => [s.id, s.targetWaitMinutes]));
  const walkIns = result.records.filter((r) => r.kind === 'walk-in' && (!serviceIds || serviceIds.includes(r.serviceId)));
  const withinTarget = walkIns.filter((r) => r.waitMinutes !== null && r.waitMinutes <= targets.get(r.serviceId)!).length;
  return { walkIns: walkIns.length, withinTarget, share: walkIns.length ? withinTarget / walkIns.length : 1 };
}
