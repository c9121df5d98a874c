import { generateDayPlan } from './day-plan';
import { simulateDay } from './day-simulator';
import { daySeed } from './evaluate';
import { fullyBookedDay, p80Minutes, scenarioCapacity, walkInLevel } from './booked-day';
import { realisticScenario } from './realistic-scenario';

const DAYS = 30;
const SEED = 19;

/**
 * Issue 19: "with every bookable minute booked on a realistic day, walk-ins
 * still meet their target on at least 80 % of simulated days". The realistic
 * Copenhagen-sized day (realistic-scenario.ts) with the services it already
 * books (passports, driving licences, tax and pension) bookable; every place
 * the capacity offers is booked, 92 % of the booked come, a few minutes early;
 * walk-ins are drawn as on any simulated day. A day meets the target when the
 * share of its walk-ins called within their service's target is at least 80 %
 * (one who gave up counts as missed). Seeded: the same table every run.
 */
describe('a fully booked day on the day simulator', () => {
  const scenario = realisticScenario();
  const bookable = scenario.services.filter((s) => (s.bookedPerDay ?? 0) > 0).map((s) => s.id);

  function run(label: string, fixedShare?: number) {
    const rows = Array.from({ length: DAYS }, (_, day) => {
      const seed = daySeed(SEED, day);
      const booked = fullyBookedDay(seed, scenario, bookable, undefined, fixedShare);
      const level = walkInLevel(simulateDay(booked.plan, scenario), scenario);
      const without = walkInLevel(simulateDay(generateDayPlan(seed, { ...scenario, appointments: null }), scenario), scenario);
      const minutes = Object.values(booked.bookedMinutes).reduce((a, b) => a + b, 0);
      return { day: day + 1, minutes, bookings: booked.bookings, walkIns: level.walkIns, share: level.share, met: level.share >= 0.8, without: without.share };
    });
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const lines = [
      `${label}: ${DAYS} simulated days (seed ${SEED}), bookable: ${bookable.join(', ')}`,
      'day | booked minutes | bookings | walk-in arrivals | within target | met? | (no bookings)',
      ...rows.map((r) => `${String(r.day).padStart(3)} | ${String(r.minutes).padStart(14)} | ${String(r.bookings).padStart(8)} | ${String(r.walkIns).padStart(16)} | ${pct(r.share).padStart(13)} | ${r.met ? 'yes ' : 'NO  '} | ${pct(r.without)}`),
      `met on ${rows.filter((r) => r.met).length} of ${DAYS} days (${pct(rows.filter((r) => r.met).length / DAYS)}); without bookings ${rows.filter((r) => r.without >= 0.8).length} of ${DAYS}`,
    ];
    console.log(lines.join('\n'));
    return rows;
  }

  it('books a service for the p80 of its handling time, in 5-minute steps', () => {
    expect(bookable).toEqual(['passport', 'driving-licence', 'tax-pension']);
    // Lognormal mean 9, σ 0.35: p80 = e^(ln 9 − σ²/2 + 0.8416 σ) = 11.4 → 15; 7.5 → 9.5 → 10; 17 (σ 0.6) → 23.5 → 25.
    expect(bookable.map((id) => p80Minutes(scenario.services.find((s) => s.id === id)!.duration))).toEqual([15, 10, 25]);
  });

  it('at the computed share: walk-ins meet their target on at least 80 % of days', () => {
    const rows = run('computed share');
    expect(rows.filter((r) => r.met).length / DAYS).toBeGreaterThanOrEqual(0.8);
    // What the computed share gives here (see docs/booking.md "Capacity and the plan"): the per-service Erlang C
    // model, each shared counter split evenly between its services, predicts that these services' walk-ins miss
    // their target with no bookings at all, so it offers no booking minute on this site (the table's first column).
    const capacity = bookable.map((id) => scenarioCapacity(scenario, id).slots.reduce((s, x) => s + x.capacity, 0));
    console.log(`places offered at the computed share: ${bookable.map((id, i) => `${id} ${capacity[i]}`).join(', ')}`);
  });

  it('at a share of 0.3 of every planned counter-minute (a supervisor’s setting), fully booked: walk-ins still meet their target on at least 80 % of days', () => {
    const rows = run('share 0.3', 0.3);
    expect(rows.every((r) => r.minutes >= 250)).toBe(true);
    expect(rows.filter((r) => r.met).length / DAYS).toBeGreaterThanOrEqual(0.8);
  });

  it('where it breaks: the days met per fixed share, fully booked', () => {
    // 0.3 is the largest share in steps of 0.1 that met the target on ≥ 80 % of days for each of four seeds tried
    // (19, 2027, 7, 42: 27, 26, 25, 29 of 30); at 0.4 seed 19 gives 23 of 30, at 0.5 seeds 19 and 42 give 21 and 20.
    const sweep = [0.1, 0.2, 0.3, 0.4, 0.5].map((share) => {
      let met = 0;
      let minutes = 0;
      for (let day = 0; day < DAYS; day++) {
        const booked = fullyBookedDay(daySeed(SEED, day), scenario, bookable, undefined, share);
        if (walkInLevel(simulateDay(booked.plan, scenario), scenario).share >= 0.8) met++;
        minutes = Object.values(booked.bookedMinutes).reduce((a, b) => a + b, 0);
      }
      return { share, minutes, met };
    });
    console.log(['share | booked minutes a day | days met', ...sweep.map((r) => `${r.share.toFixed(1)}   | ${String(r.minutes).padStart(19)} | ${r.met} of ${DAYS}`)].join('\n'));
    expect(sweep.find((r) => r.share === 0.3)!.met).toBeGreaterThanOrEqual(0.8 * DAYS);
    // More booked minutes never help the walk-ins much: the days met fall from 0.1 to 0.5.
    expect(sweep[0].met).toBeGreaterThan(sweep[4].met);
  });

  it('never books more than the capacity: booked minutes stay within the bookable minutes', () => {
    for (const id of bookable) {
      const c = scenarioCapacity(scenario, id, undefined, 0.5);
      const bookable = c.intervals.reduce((s, i) => s + i.bookableMinutes, 0);
      const places = c.slots.reduce((s, x) => s + x.capacity, 0);
      expect(places * c.appointmentMinutes).toBeLessThanOrEqual(bookable + 1e-6);
      expect(places * c.appointmentMinutes).toBeGreaterThan(bookable - 2 * c.appointmentMinutes);
    }
  });
});
