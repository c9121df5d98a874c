/**
 * How good each wait estimator is over simulated days, scored on the
 * prediction made when the ticket was issued against the real wait (issue to
 * call). Tickets never called (cancelled, expired) have no real wait and are
 * not scored. RRASE follows Ibrahim & Whitt: root mean squared error over the
 * mean wait, both over citizens who had to wait at all — for M/M/s the QL
 * predictor's RRASE is then exactly √(1 − ρ).
 *
 * The schedule estimator is scored as a citizen is told it (shown-estimator.ts):
 * the room's rules, and, with `calibrate` (the default), each service's range
 * factors by band from the nightly calibration run between the simulated days on the
 * days before (calibration-bands.ts, the 14 days the live job reads; the first
 * day has none, as a new site). Tickets the live system tells nothing (no open
 * counter served their service at issue) are not scored, as it scores none.
 */
import { BASELINE_ESTIMATORS } from '../wait/baseline-estimators';
import { RangeCalibration, ServiceScales, calibrateService, scaleFor, scalesOf } from '../wait/calibration-bands';
import { ScoredWait } from '../wait/range-calibration';
import { ScheduleEstimator } from '../wait/schedule-estimator';
import { WaitEstimator } from '../wait/wait-snapshot';
import { mixSeed } from '../wait/seeded-random';
import { generateDayPlan } from './day-plan';
import { VisitRecord, simulateDay, withPastDays } from './day-simulator';
import { Scenario } from './scenario';
import { ShownEstimator } from './shown-estimator';

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
  /** Calibrate the schedule estimator's ranges nightly between the days (default true). */
  calibrate?: boolean;
}

/** The seed of day `day` of a run: days are independent but reproducible. */
export const daySeed = (seed: number, day: number) => mixSeed(seed, day);

/** The days the nightly calibration looks back over (ACCURACY_DAYS of the live job). */
export const CALIBRATION_DAYS = 14;

export interface SimulatedDay {
  day: number;
  seed: number;
  /** The day's records but those told no estimate (the live system scores none of them). */
  records: VisitRecord[];
  /** The range factors per service (and band) in force that day (none: unscaled). */
  calibration: RangeCalibration;
}

/**
 * The days one after another at one site. A ScheduleEstimator among `estimators` is
 * wrapped as shown to citizens (ShownEstimator, keeping its name); after each day, as
 * the nightly job, each service's shown ranges of the last 14 days are scored against
 * the real waits and the factors refitted where the coverage left 80 ± 5 %.
 */
export function simulateScoredDays({ scenario, days, seed, estimators, calibrate: calibrating = true }: EvaluateOptions): SimulatedDay[] {
  const wrapped = estimators.map((e) => (e instanceof ScheduleEstimator ? new ShownEstimator(e) : e));
  const shown = wrapped.find((e): e is ShownEstimator => e instanceof ShownEstimator);
  const out: SimulatedDay[] = [];
  let factors: RangeCalibration = new Map();
  for (let d = 0; d < days; d++) {
    const s = daySeed(seed, d);
    if (shown) {
      shown.calibration = factors;
      shown.untold.clear();
    }
    const { records } = simulateDay(withPastDays(generateDayPlan(s, scenario), scenario), scenario, wrapped);
    const told = records.filter((r) => !shown?.untold.has(r.visitId));
    out.push({ day: d, seed: s, records: told, calibration: factors });
    if (shown && calibrating) factors = nightlyCalibration(out.slice(-CALIBRATION_DAYS), shown.name, factors);
  }
  return out;
}

/** The factors per service for the next day (calibrateService of calibration-bands.ts on the window's shown ranges, as the live job). */
export function nightlyCalibration(window: readonly SimulatedDay[], estimator: string, current: RangeCalibration): Map<string, ServiceScales> {
  const byService = new Map<string, ScoredWait[]>();
  for (const day of window) {
    for (const r of day.records) {
      if (r.waitMinutes === null) continue;
      const list = byService.get(r.serviceId) ?? byService.set(r.serviceId, []).get(r.serviceId)!;
      const shown = r.predictions[estimator];
      list.push({ shown, waitMinutes: r.waitMinutes!, scale: scaleFor(day.calibration.get(r.serviceId), shown.minutes) });
    }
  }
  const next = new Map(current);
  for (const [serviceId, scored] of byService) next.set(serviceId, scalesOf(calibrateService(scored, current.get(serviceId))));
  return next;
}

export function simulateDays(options: EvaluateOptions): VisitRecord[] {
  return simulateScoredDays(options).flatMap((d) => d.records);
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
  return reportOf(options, simulateScoredDays(options));
}

/** The pooled report of days simulated with `options`. */
export function reportOf({ scenario, days, seed, estimators }: EvaluateOptions, simulated: readonly SimulatedDay[]): EvaluationReport {
  return { scenario: scenario.name, days, seed, ...scoreRecords(simulated.flatMap((d) => d.records), estimators, scenario.scoreFrom) };
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

/** The estimators perDayScores needs: ours and the classical ones. */
export const perDayEstimators = (): WaitEstimator[] => [
  new ScheduleEstimator(),
  ...BASELINE_ESTIMATORS.filter((e) => ['QL', 'LES', 'HOL'].includes(e.name)),
];

/** Each day on its own: the schedule estimator against the best classical one that day. */
export function perDayScores(options: Omit<EvaluateOptions, 'estimators'> & { estimators?: readonly WaitEstimator[] }): DayScore[] {
  return scoreEachDay(simulateScoredDays({ estimators: perDayEstimators(), ...options }), options.scenario);
}

/** Per day from simulated days whose records hold the schedule estimator's and QL, LES and HOL's predictions. */
export function scoreEachDay(days: readonly SimulatedDay[], scenario: Scenario): DayScore[] {
  const ours = 'schedule';
  const classical = ['QL', 'LES', 'HOL'];
  const byName = new Map(perDayEstimators().map((e) => [e.name, e]));
  const estimators = [ours, ...classical].map((n) => byName.get(n)!);
  return days.map(({ day, seed, records }) => {
    const scored = scoreRecords(records, estimators, scenario.scoreFrom);
    const [mine, ...rest] = scored.scores;
    const best = rest.reduce((a, b) => (b.mae < a.mae ? b : a));
    const gainPercent = 100 * (1 - mine.mae / best.mae);
    return { day, seed, tickets: scored.tickets, mae: mine.mae, bestBaseline: { estimator: best.estimator, mae: best.mae }, gainPercent, coveragePercent: mine.coveragePercent! };
  });
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
