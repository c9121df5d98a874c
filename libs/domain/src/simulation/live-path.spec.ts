import { formatPerDay, perDayEstimators, reportOf, scoreEachDay, simulateScoredDays } from './evaluate';
import { lateOpeningScenario } from './realistic-scenario';

/**
 * The estimate citizens get, measured on the day simulator through the live
 * loader's own builder (snapshot-rows.ts: the simulator hands it the rows the
 * database would hold): lunches within a window, a counter whose shift starts
 * at 12:00, counters sharing services, citizens who leave or miss their call.
 * Scored as told (the room's rules), with the nightly range calibration run
 * between the days on the days before, as the live job does (day 0 has none).
 */
describe('live wait estimates on ten simulated days (late-opening scenario, seed 1)', () => {
  const scenario = lateOpeningScenario();
  const options = { scenario, days: 10, seed: 1, estimators: perDayEstimators() };
  const simulated = simulateScoredDays(options);
  const days = scoreEachDay(simulated, scenario);
  const pooled = reportOf(options, simulated).scores.find((s) => s.estimator === 'schedule')!;

  it('prints the table', () => {
    console.log(
      `npm run predict-eval -- --scenario late-opening --days 10 --seed 1 --per-day\n${formatPerDay(days)}\n` +
        `pooled: MAE ${pooled.mae.toFixed(2)}, cover ${pooled.coveragePercent!.toFixed(1)} %, of those who waited ${pooled.coverageDelayedPercent!.toFixed(1)} %`,
    );
    expect(days).toHaveLength(10);
    for (const d of days) expect(d.tickets).toBeGreaterThan(200);
  });

  it('has a mean absolute error at least 25 % below the best of QL, LES and HOL on every day', () => {
    // Seed 1: 25.7–48.1 % below (pooled 2.65); the closest are days 5 and 3 (2.07 against QL's 2.79, 2.02 against 2.73).
    const short = days.filter((d) => d.mae > 0.75 * d.bestBaseline.mae);
    expect(short.map((d) => `day ${d.day}: ${d.mae.toFixed(2)} vs ${d.bestBaseline.estimator} ${d.bestBaseline.mae.toFixed(2)}`)).toEqual([]);
  });

  it('has ranges covering 75–85 % of real waits over the ten days, and 75–92 % on every day, the busiest too', () => {
    // Seed 1: 82.9 % pooled (80.3 % with one pair of factors per service, 86.9 % uncalibrated: `--no-calibrate`).
    expect(pooled.coveragePercent).toBeGreaterThanOrEqual(75);
    expect(pooled.coveragePercent).toBeLessThanOrEqual(85);
    // Per day 75.8–89.9 %. The factors are per service and band of the told point (calibration-bands.ts), so
    // the busiest day (8: 376 tickets, twice the mean wait, mostly long waits told) is no longer narrowed by
    // factors fitted on ordinary days: 75.8 % (60.6 % with one pair per service, 75.5 % uncalibrated). Day 0 has
    // no history, as a new site (89.9 %).
    for (const d of days) {
      expect(d.coveragePercent).toBeLessThanOrEqual(92);
      expect(d.coveragePercent).toBeGreaterThanOrEqual(75);
    }
  });

  it('covers more of those who waited than one pair of factors per service did', () => {
    // Seed 1: 72.2 % of those who waited (68.0 % with one pair per service; 78.7 % uncalibrated).
    expect(pooled.coverageDelayedPercent).toBeGreaterThan(70);
  });

  it('calibrates nothing on the first day, and only from its own days after', () => {
    expect(simulated[0].calibration.size).toBe(0);
    expect(simulated[1].calibration.size).toBeGreaterThan(0);
    // By the last day the services with enough tickets have factors of their own per band.
    expect([...simulated[9].calibration.values()].some((s) => s.bands.size > 1)).toBe(true);
  });
});
