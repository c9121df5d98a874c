/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the few
 * distributions the estimator's Monte-Carlo and the day simulator need.
 * Our own, so a seed gives the same numbers on every Node version.
 */
import { inverseNormalCdf } from './normal-math';

export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
}

/** Mixes numbers into one 32-bit seed (splitmix32 finaliser), e.g. (runSeed, dayIndex). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0) ^ Math.floor(part / 0x100000000), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function sfc32(seed: number): Random {
  let a = mixSeed(seed, 1);
  let b = mixSeed(seed, 2);
  let c = mixSeed(seed, 3);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state mix before use
  return { next };
}

/** Uniform on (0, 1): safe for logarithms and inverse CDFs. */
export function openUnit(rng: Random): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return u;
}

export function exponential(rng: Random, mean: number): number {
  return -Math.log(openUnit(rng)) * mean;
}

export function standardNormal(rng: Random): number {
  return inverseNormalCdf(openUnit(rng));
}

export function lognormal(rng: Random, logMu: number, logSigma: number): number {
  return Math.exp(logMu + logSigma * standardNormal(rng));
}

export function bernoulli(rng: Random, p: number): boolean {
  return rng.next() < p;
}

/** Poisson by inversion for small means, a rounded normal beyond (day volumes). */
export function poisson(rng: Random, mean: number): number {
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(rng)));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = rng.next();
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}
