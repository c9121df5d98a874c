import { BASELINE_ESTIMATORS } from '../wait/baseline-estimators';
import { ScheduleEstimator } from '../wait/schedule-estimator';
import { evaluateScenario, formatReport } from './evaluate';
import { realisticScenario } from './realistic-scenario';

/**
 * The estimator's own p10–p90, before any calibration: the nightly factors (live-path.spec.ts) aim at 80 % of
 * all waits in each band of the told point and so narrow these ranges (seed 1 calibrated: 84.2 % of all, 72.3 %
 * of those who waited; with one pair of factors per service it was 78.6 and 62.6 %).
 */
describe('wait estimator accuracy over 20 realistic days (seed 1)', () => {
  const estimators = [new ScheduleEstimator(), ...BASELINE_ESTIMATORS];
  const report = evaluateScenario({ scenario: realisticScenario(), days: 20, seed: 1, estimators, calibrate: false });
  const ours = report.scores.find((s) => s.estimator === 'schedule')!;
  const baselines = report.scores.filter((s) => s !== ours);

  it('prints the table', () => {
    console.log(formatReport(report));
    expect(report.tickets).toBeGreaterThan(4000);
  });

  it('has a mean absolute error at least 20 % below the best baseline', () => {
    // 2.40 min against QL's 3.81 min (seed 1, scored as told: tickets told no estimate left out): 37 % below (2.63 before leaves and no-shows were learnt by minutes waited).
    const best = Math.min(...baselines.map((s) => s.mae));
    expect(ours.mae).toBeLessThanOrEqual(0.8 * best);
  });

  it('shows a p10–p90 range that holds about 80 % of real waits', () => {
    // Honest figures, seed 1: 87.1 % of all called tickets, but that counts the
    // 43 % called at once, most of them told "about now" or a range from 0.
    expect(ours.coveragePercent!).toBeGreaterThanOrEqual(75);
    expect(ours.coveragePercent!).toBeLessThanOrEqual(88);
    // Over citizens who had to queue — where the range matters — 77.5 %
    // (75.5 % before the room's rules were scored), a little short of the nominal 80 %: lunch
    // breaks start when the estimator cannot know (77 % without them, 80 % in
    // a day without pauses, patience or measured statistics).
    expect(ours.coverageDelayedPercent!).toBeGreaterThanOrEqual(74);
    expect(ours.coverageDelayedPercent!).toBeLessThanOrEqual(85);
  });
});
