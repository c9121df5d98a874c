import { generateDayPlan } from './day-plan';
import { daySeed } from './evaluate';
import { realisticScenario } from './realistic-scenario';

describe('day plan', () => {
  const scenario = realisticScenario();

  it('is the same day for the same seed, and another day for another seed', () => {
    expect(generateDayPlan(5, scenario)).toEqual(generateDayPlan(5, scenario));
    expect(generateDayPlan(6, scenario).visits).not.toEqual(generateDayPlan(5, scenario).visits);
  });

  it('looks like a Copenhagen entrance: about 250 visits from 10 to 17, busiest late morning and after 15', () => {
    const plans = Array.from({ length: 20 }, (_, d) => generateDayPlan(daySeed(1, d), scenario));
    const perDay = plans.map((p) => p.visits.length);
    const mean = perDay.reduce((s, n) => s + n, 0) / perDay.length;
    expect(mean).toBeGreaterThan(225);
    expect(mean).toBeLessThan(275);
    const visits = plans.flatMap((p) => p.visits);
    expect(Math.min(...visits.map((v) => v.arriveAt))).toBeGreaterThanOrEqual(10 * 60);
    expect(Math.max(...visits.map((v) => v.arriveAt))).toBeLessThan(17 * 60);
    const inHour = (h: number) => visits.filter((v) => v.appointmentAt === null && Math.floor(v.arriveAt / 60) === h).length;
    expect(inHour(11)).toBeGreaterThan(inHour(14));
    expect(inHour(15)).toBeGreaterThan(inHour(14));
  });

  it('gives medbetjening long, heavy-tailed durations', () => {
    const durations = Array.from({ length: 20 }, (_, d) => generateDayPlan(daySeed(2, d), scenario))
      .flatMap((p) => p.visits)
      .filter((v) => v.serviceId === 'assisted-self-service')
      .map((v) => v.serviceMinutes)
      .sort((a, b) => a - b);
    const at = (q: number) => durations[Math.floor(q * durations.length)];
    expect(at(0.5)).toBeGreaterThan(10);
    expect(at(0.95) / at(0.5)).toBeGreaterThan(3);
  });

  it('books appointments, most arriving a little early, some never', () => {
    const plan = generateDayPlan(daySeed(3, 0), scenario);
    expect(plan.bookings.length).toBeGreaterThan(15);
    const byId = new Map(plan.visits.map((v) => [v.id, v]));
    const shown = plan.bookings.filter((b) => b.visitId !== null);
    expect(shown.length).toBeLessThan(plan.bookings.length + 1);
    const early = shown.filter((b) => byId.get(b.visitId!)!.arriveAt < b.appointmentAt).length;
    expect(early / shown.length).toBeGreaterThan(0.6);
    expect(plan.pauses.some((p) => p.reason === 'lunch')).toBe(true);
  });
});
