/**
 * Service durations per service, summarised so that one outlier (a
 * medbetjening that took 90 minutes, a counter left "busy" over lunch) does
 * not drag the estimate: a lognormal fitted by the median and MAD of the logs
 * of the most recent durations. The arithmetic mean is kept too, because the
 * textbook baselines are defined on it.
 */
import { Random, openUnit } from './seeded-random';
import { inverseNormalCdf, normalSf } from './normal-math';

export interface DurationSummary {
  /** How many measured durations the summary rests on (0: only the prior). */
  count: number;
  /** Arithmetic mean in minutes (what the baselines use). */
  meanMinutes: number;
  /** Robust lognormal fit: ln(duration) ~ N(logMu, logSigma²). */
  logMu: number;
  logSigma: number;
}

export interface SummariseOptions {
  /** Only the most recent durations count: service times drift over a day. */
  window?: number;
  /** Used alone when nothing is measured; blended in while the sample is small. */
  prior?: DurationSummary;
  /** The prior's weight, in measured durations. */
  priorWeight?: number;
}

export const DEFAULT_DURATION_PRIOR: DurationSummary = lognormalSummary(8, 0.6);

/** A summary from a mean and a log-scale spread (configuration, scenario truth). */
export function lognormalSummary(meanMinutes: number, logSigma: number): DurationSummary {
  return { count: 0, meanMinutes, logMu: Math.log(meanMinutes) - (logSigma * logSigma) / 2, logSigma };
}

/** The lognormal with the same mean and coefficient of variation (cv = 1: an exponential's moments). */
export function momentMatchedSummary(meanMinutes: number, cv: number): DurationSummary {
  return lognormalSummary(meanMinutes, Math.sqrt(Math.log(1 + cv * cv)));
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `durationsMinutes` oldest first, as they were measured. */
export function summariseDurations(durationsMinutes: readonly number[], options: SummariseOptions = {}): DurationSummary {
  const { window = 50, prior = DEFAULT_DURATION_PRIOR, priorWeight = 5 } = options;
  const recent = durationsMinutes.slice(-window).filter((d) => d > 0 && Number.isFinite(d));
  const n = recent.length;
  if (n === 0) return { ...prior, count: 0 };
  const logs = recent.map(Math.log).sort((a, b) => a - b);
  const mu = median(logs);
  const mad = median(logs.map((l) => Math.abs(l - mu)).sort((a, b) => a - b));
  // 1.4826·MAD estimates σ for normal logs; the prior steadies small samples.
  const sigma = n >= 3 ? 1.4826 * mad : prior.logSigma;
  const w = n / (n + priorWeight);
  const mean = recent.reduce((s, d) => s + d, 0) / n;
  return {
    count: n,
    meanMinutes: w * mean + (1 - w) * prior.meanMinutes,
    logMu: w * mu + (1 - w) * prior.logMu,
    logSigma: Math.max(0.05, w * sigma + (1 - w) * prior.logSigma),
  };
}

/** A summary as given, or summarised from raw durations. */
export function asSummary(durations: DurationSummary | readonly number[] | undefined): DurationSummary {
  return durations === undefined || Array.isArray(durations) ? summariseDurations(durations ?? []) : (durations as DurationSummary);
}

export function lognormalMean(s: DurationSummary): number {
  return Math.exp(s.logMu + (s.logSigma * s.logSigma) / 2);
}

/**
 * E[S − a | S > a]: the time a citizen already `elapsed` minutes in service
 * still needs. For heavy tails it grows with `elapsed` — a medbetjening that
 * has run long is likely to run longer still.
 */
export function expectedResidual(s: DurationSummary, elapsed: number): number {
  if (elapsed <= 0) return lognormalMean(s);
  const { logMu: mu, logSigma: sigma } = s;
  const z0 = (Math.log(elapsed) - mu) / sigma;
  const tail = normalSf(z0);
  // Far in the tail the ratio of two tiny numbers is unstable; the
  // lognormal's mean residual life there is about a·σ²/(ln a − μ).
  if (tail < 1e-12) return (elapsed * sigma * sigma) / Math.max(Math.log(elapsed) - mu, 1e-9);
  const partial = Math.exp(mu + (sigma * sigma) / 2) * normalSf(z0 - sigma);
  return Math.max(0, partial / tail - elapsed);
}

/** A draw of S − a given S > a: inverse CDF restricted to the upper tail. */
export function sampleResidual(s: DurationSummary, elapsed: number, rng: Random): number {
  const { logMu: mu, logSigma: sigma } = s;
  const tail = elapsed > 0 ? normalSf((Math.log(elapsed) - mu) / sigma) : 1;
  if (tail < 1e-12) return expectedResidual(s, elapsed);
  const z = -inverseNormalCdf(tail * openUnit(rng));
  return Math.max(0, Math.exp(mu + sigma * z) - elapsed);
}
