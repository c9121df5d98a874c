import { formatPerDay, perDayScores } from './evaluate';
import { lateOpeningScenario } from './realistic-scenario';

/**
 * The estimate citizens get, measured on the day simulator through the live
 * loader's own builder (snapshot-rows.ts: the simulator hands it the rows the
 * database would hold): lunches within a window, a counter whose shift starts
 * at 12:00, counters sharing services, citizens who leave or miss their call.
 */
describe('live wait estimates on ten simulated days (late-opening scenario, seed 1)', () => {
  const days = perDayScores({ scenario: lateOpeningScenario(), days: 10, seed: 1 });

  it('prints the table', () => {
    console.log(`npm run predict-eval -- --scenario late-opening --days 10 --seed 1 --per-day\n${formatPerDay(days)}`);
    expect(days).toHaveLength(10);
    for (const d of days) expect(d.tickets).toBeGreaterThan(200);
  });

  it('has a mean absolute error at least 25 % below the best of QL, LES and HOL on every day', () => {
    // Seed 1: 32–56 % below (pooled 2.71 against HOL's 5.27); the closest are days 3 and 5 (2.13 against QL's 3.14, 2.12 against 3.25).
    const short = days.filter((d) => d.mae > 0.75 * d.bestBaseline.mae);
    expect(short.map((d) => `day ${d.day}: ${d.mae.toFixed(2)} vs ${d.bestBaseline.estimator} ${d.bestBaseline.mae.toFixed(2)}`)).toEqual([]);
  });
});
