import { erlangC } from '../wait/erlang-c';
import { BASELINE_ESTIMATORS, queueLengthEstimator } from '../wait/baseline-estimators';
import { ScheduleEstimator } from '../wait/schedule-estimator';
import { generateDayPlan } from './day-plan';
import { simulateDay } from './day-simulator';
import { evaluateScenario, scoreRecords, simulateDays } from './evaluate';
import { mmsScenario } from './mms-scenario';
import { realisticScenario } from './realistic-scenario';

describe('day simulator', () => {
  it('is deterministic: the same seed gives the identical day, predictions included', () => {
    const scenario = realisticScenario();
    const estimators = [new ScheduleEstimator(), ...BASELINE_ESTIMATORS];
    const a = simulateDay(generateDayPlan(42, scenario), scenario, estimators);
    const b = simulateDay(generateDayPlan(42, scenario), scenario, estimators);
    expect(a).toEqual(b);
    expect(a.records.length).toBeGreaterThan(150);
    expect(a.records.every((r) => Object.keys(r.predictions).length === estimators.length)).toBe(true);
  });

  it('serves, loses and expires citizens as a real day does', () => {
    const scenario = realisticScenario();
    const records = simulateDays({ scenario, days: 5, seed: 9, estimators: [] });
    const share = (o: string) => records.filter((r) => r.outcome === o).length / records.length;
    expect(share('served')).toBeGreaterThan(0.9);
    expect(share('no-show')).toBeGreaterThan(0.01);
    expect(share('cancelled')).toBeGreaterThan(0);
    expect(records.filter((r) => r.waitMinutes !== null).every((r) => r.waitMinutes! >= 0)).toBe(true);
  });

  describe('textbook M/M/5 at ρ = 0.9 (checks the simulator against theory)', () => {
    const scenario = mmsScenario({ servers: 5, load: 0.9, meanServiceMinutes: 1 });
    const records = simulateDays({ scenario, days: 30, seed: 1, estimators: [queueLengthEstimator] });
    const report = scoreRecords(records, [queueLengthEstimator], scenario.scoreFrom);
    const theory = erlangC({ arrivalRate: 4.5, meanServiceTime: 1 }, 5, 0);

    it('gives QL an RRASE of √(1 − ρ) = 0.316 over the citizens who waited', () => {
      expect(Math.abs(report.scores[0].rrase - Math.sqrt(0.1))).toBeLessThan(0.02);
    });

    it('reproduces Erlang C: P(wait) and mean wait', () => {
      expect(report.tickets).toBeGreaterThan(100000);
      expect(Math.abs(report.delayedPercent / 100 - theory.pWait)).toBeLessThan(0.02);
      expect(Math.abs(report.meanWaitMinutes / theory.meanWait - 1)).toBeLessThan(0.1);
    });

    it('QL is the best predictor there', () => {
      const small = evaluateScenario({ scenario, days: 2, seed: 2, estimators: BASELINE_ESTIMATORS });
      const ql = small.scores.find((s) => s.estimator === 'QL')!;
      for (const s of small.scores) expect(ql.rmse).toBeLessThanOrEqual(s.rmse);
    });
  });
});
