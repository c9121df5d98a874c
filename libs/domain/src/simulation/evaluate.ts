/**
 * How good each wait estimator is over simulated days, scored on the
 * prediction made when the ticket was issued against the real wait (issue to
 * call). Tickets never called (cancelled, expired) have no real wait and are
 * not scored. RRASE follows Ibrahim & Whitt: root mean squared error over the
 * mean wait, both over citizens who had to wait at all — for M/M/s the QL
 * predictor's RRASE is then exactly √(1 − ρ).
 */
import { BASELINE_ESTIMATORS } from '../wait/baseline-estimators';
import { ScheduleEstimator } from '../wait/schedule-estimator';
import { WaitEstimator } from '../wait/wait-snapshot';
import { mixSeed } from '../wait/seeded-random';
import { generateDayPlan } from './day-plan';
import { VisitRecord, simulateDay, withPastDays } from './day-simulator';
import { Scenario } from './scenario';

export interface EstimatorScore {
  estimator: string;
  /** Scored tickets (called, issued after the warm-up). */
  n: number;
  mae: number;
  rmse: number;
  /** Mean of (predicted − real): positive means too pessimistic. */
  bias: number;
  /** RMSE over mean wait, citizens who waited only. */
  rrase: number;
  /** Share of predictions within ±5 minutes, in %. */
  within5Percent: number;
  /** Share of real waits inside the shown range, in %; null for point-only estimators. */
  coveragePercent: number | null;
  /** The same, counting only citizens who waited (no trivial 0 in [0, 0]). */
  coverageDelayedPercent: number | null;
}

export interface EvaluationReport {
  scenario: string;
  days: number;
  seed: number;
  tickets: number;
  meanWaitMinutes: number;
  /** Share of scored tickets that waited at all, in %. */
  delayedPercent: number;
  scores: EstimatorScore[];
}

export interface EvaluateOptions {
  scenario: Scenario;
  days: number;
  seed: number;
  estimators: readonly WaitEstimator[];
}

/** The seed of day `day` of a run: days are independent but reproducible. */
export const daySeed = (seed: number, day: number) => mixSeed(seed, day);

export function simulateDays({ scenario, days, seed, estimators }: EvaluateOptions): VisitRecord[] {
  const records: VisitRecord[] = [];
  for (let d = 0; d < days; d++) records.push(...simulateDay(withPastDays(generateDayPlan(daySeed(seed, d), scenario), scenario), scenario, estimators).records);
  return records;
}

export function scoreRecords(
  records: readonly VisitRecord[],
  estimators: readonly WaitEstimator[],
  scoreFrom = -Infinity,
): Omit<EvaluationReport, 'scenario' | 'days' | 'seed'> {
  const scored = records.filter((r) => r.waitMinutes !== null && r.issuedAt >= scoreFrom);
  const delayed = scored.filter((r) => r.waitMinutes! > 0);
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
  const meanDelayedWait = mean(delayed.map((r) => r.waitMinutes!));
  const scores = estimators.map((est): EstimatorScore => {
    const errors = scored.map((r) => r.predictions[est.name].minutes - r.waitMinutes!);
    const delayedErrors = delayed.map((r) => r.predictions[est.name].minutes - r.waitMinutes!);
    const inRange = (r: VisitRecord) => {
      const p = r.predictions[est.name];
      return p.low <= r.waitMinutes! && r.waitMinutes! <= p.high ? 1 : 0;
    };
    return {
      estimator: est.name,
      n: scored.length,
      mae: mean(errors.map(Math.abs)),
      rmse: Math.sqrt(mean(errors.map((e) => e * e))),
      bias: mean(errors),
      rrase: Math.sqrt(mean(delayedErrors.map((e) => e * e))) / meanDelayedWait,
      within5Percent: 100 * mean(errors.map((e) => (Math.abs(e) <= 5 ? 1 : 0))),
      coveragePercent: est.hasRange ? 100 * mean(scored.map(inRange)) : null,
      coverageDelayedPercent: est.hasRange ? 100 * mean(delayed.map(inRange)) : null,
    };
  });
  return {
    tickets: scored.length,
    meanWaitMinutes: mean(scored.map((r) => r.waitMinutes!)),
    delayedPercent: (100 * delayed.length) / Math.max(scored.length, 1),
    scores,
  };
}

export function evaluateScenario(options: EvaluateOptions): EvaluationReport {
  const { scenario, days, seed, estimators } = options;
  return { scenario: scenario.name, days, seed, ...scoreRecords(simulateDays(options), estimators, scenario.scoreFrom) };
}

/** A fixed-width table for a terminal or a test log. */
export function formatReport(report: EvaluationReport): string {
  const pad = (s: string, w: number) => s.padStart(w);
  const num = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));
  const head =
    `${report.scenario}: ${report.days} days, seed ${report.seed}, ${report.tickets} tickets, ` +
    `mean wait ${num(report.meanWaitMinutes)} min, ${num(report.delayedPercent, 1)} % waited`;
  const columns = ['estimator', 'MAE', 'RMSE', 'bias', 'RRASE', '±5 min %', 'cover %', 'cover>0 %'];
  const widths = [10, 7, 7, 7, 7, 9, 8, 10];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : pad(c, widths[i]))).join(' ');
  const rows = report.scores.map((s) =>
    line([
      ...[s.estimator, num(s.mae), num(s.rmse), num(s.bias), num(s.rrase, 3)],
      ...[num(s.within5Percent, 1), num(s.coveragePercent, 1), num(s.coverageDelayedPercent, 1)],
    ]),
  );
  return [head, line(columns), ...rows].join('\n');
}

export interface DayScore {
  day: number;
  seed: number;
  tickets: number;
  /** The schedule estimator's MAE, and the best of QL, LES and HOL. */
  mae: number;
  bestBaseline: { estimator: string; mae: number };
  /** How far below the best baseline, in % (positive: better). */
  gainPercent: number;
  coveragePercent: number;
}

/** Each day on its own: the schedule estimator against the best classical one that day. */
export function perDayScores({ scenario, days, seed }: Omit<EvaluateOptions, 'estimators'>): DayScore[] {
  const ours = new ScheduleEstimator();
  const classical = BASELINE_ESTIMATORS.filter((e) => ['QL', 'LES', 'HOL'].includes(e.name));
  const estimators = [ours, ...classical];
  const scores: DayScore[] = [];
  for (let d = 0; d < days; d++) {
    const s = daySeed(seed, d);
    const day = scoreRecords(simulateDay(withPastDays(generateDayPlan(s, scenario), scenario), scenario, estimators).records, estimators, scenario.scoreFrom);
    const [mine, ...rest] = day.scores;
    const best = rest.reduce((a, b) => (b.mae < a.mae ? b : a));
    const gainPercent = 100 * (1 - mine.mae / best.mae);
    scores.push({ day: d, seed: s, tickets: day.tickets, mae: mine.mae, bestBaseline: { estimator: best.estimator, mae: best.mae }, gainPercent, coveragePercent: mine.coveragePercent! });
  }
  return scores;
}

export function formatPerDay(scores: readonly DayScore[]): string {
  const head = 'day  seed         tickets  MAE    best of QL/LES/HOL  below best  cover %';
  const rows = scores.map((s) =>
    [
      String(s.day).padEnd(4),
      String(s.seed).padEnd(12),
      String(s.tickets).padStart(7),
      s.mae.toFixed(2).padStart(6),
      `${s.bestBaseline.estimator} ${s.bestBaseline.mae.toFixed(2)}`.padStart(19),
      `${s.gainPercent.toFixed(1)} %`.padStart(11),
      s.coveragePercent.toFixed(1).padStart(8),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}
