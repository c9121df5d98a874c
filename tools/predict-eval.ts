/**
 * How accurate are the wait estimates? Replays simulated days and scores each
 * estimator on the prediction made at issue against the real wait.
 * The estimators read the snapshot the live loader builds (snapshot-rows.ts) from the simulated
 * site's rows, and the schedule estimator is scored as told (the room's rules, room-estimates.ts),
 * so the figures are the ones citizens get. Its ranges are calibrated as the live system's: after
 * each simulated day the nightly calibration (range-calibration.ts) refits each service's factors
 * on the days before, and the next day is told with them (day 0 has none); --no-calibrate leaves
 * them out. The other estimators' ranges are never calibrated.
 *   npm run predict-eval -- --days 20 --seed 1 [--scenario realistic|late-opening|mms] [--per-day] [--no-calibrate]
 * --per-day adds a line per day: the schedule estimator's MAE against the best of QL, LES and HOL,
 * and its coverage that day.
 * mms is the textbook M/M/5 at ρ = 0.9, where QL is optimal with RRASE √(1−ρ) = 0.316.
 */
import { formatPerDay, formatReport, reportOf, scoreEachDay, simulateScoredDays } from '../libs/domain/src/simulation/evaluate';
import { mmsScenario } from '../libs/domain/src/simulation/mms-scenario';
import { lateOpeningScenario, realisticScenario } from '../libs/domain/src/simulation/realistic-scenario';
import { BASELINE_ESTIMATORS } from '../libs/domain/src/wait/baseline-estimators';
import { ScheduleEstimator } from '../libs/domain/src/wait/schedule-estimator';

const SCENARIOS = { realistic: realisticScenario, 'late-opening': lateOpeningScenario, mms: mmsScenario };

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
}

function main(args: string[]): void {
  const days = Number(option(args, 'days') ?? 20);
  const seed = Number(option(args, 'seed') ?? 1);
  const name = option(args, 'scenario') ?? 'realistic';
  if (!Number.isInteger(days) || days < 1) throw new Error('--days must be a positive whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (!(name in SCENARIOS)) throw new Error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  const scenario = SCENARIOS[name as keyof typeof SCENARIOS]();
  const started = Date.now();
  const calibrate = !args.includes('--no-calibrate');
  const options = { scenario, days, seed, estimators: [new ScheduleEstimator(), ...BASELINE_ESTIMATORS], calibrate };
  const simulated = simulateScoredDays(options);
  const report = reportOf(options, simulated);
  console.log(`ranges: ${calibrate ? 'calibrated nightly on the days before (day 0: none)' : 'uncalibrated (--no-calibrate)'}`);
  console.log(formatReport(report));
  if (args.includes('--per-day')) console.log(formatPerDay(scoreEachDay(simulated, scenario)));
  if (name === 'mms') console.log(`theory: QL RRASE = sqrt(1 - rho) = ${Math.sqrt(0.1).toFixed(3)}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const json = {
    ...report,
    meanWaitMinutes: round(report.meanWaitMinutes),
    delayedPercent: round(report.delayedPercent),
    scores: report.scores.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]))),
  };
  console.log(JSON.stringify(json, null, 2));
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 2;
}
