/**
 * Erlang A (M/M/s+M): citizens give up after an exponential patience, so a
 * queue stays finite even when counters are short. Computed from the
 * birth–death chain itself: the states below s through Erlang B (stable),
 * the states above by the ratio λ / (s·μ + k·θ) until the terms vanish. The
 * service level is the share of all arrivals called within the target (those
 * who give up first do not count), from uniformising the chain of a waiting
 * citizen's place in line — exact to the truncation.
 */
import { ErlangResult, QueueLoad, erlangB, erlangC, offeredLoad } from './erlang-c';

export interface ImpatientLoad extends QueueLoad {
  /** Mean patience, in the same time unit; Infinity: Erlang C. */
  meanPatience: number;
}

export interface ErlangAResult extends ErlangResult {
  /** Share of arrivals who leave before they are called. */
  pAbandon: number;
}

const EPS = 1e-15;

export function erlangA(load: ImpatientLoad, servers: number, targetTime: number): ErlangAResult {
  const { arrivalRate: lambda, meanServiceTime, meanPatience } = load;
  if (!Number.isFinite(meanPatience)) return { ...erlangC(load, servers, targetTime), pAbandon: 0 };
  const a = offeredLoad(load);
  const mu = 1 / meanServiceTime;
  const theta = 1 / meanPatience;
  const drain = servers * mu;
  const b = erlangB(servers, a);
  const below = 1 / b - 1; // Σ_{n<s} π_n / π_s
  if (!Number.isFinite(below)) {
    return { servers, offeredLoad: a, occupancy: a / servers, pWait: 0, serviceLevel: 1, meanWait: 0, pAbandon: 0 };
  }
  // π_{s+j} / π_s for j = 0, 1, … until negligible.
  const above: number[] = [1];
  let sumAbove = 1;
  let queued = 0;
  for (let j = 1; ; j++) {
    const r = (above[j - 1] * lambda) / (drain + j * theta);
    above.push(r);
    sumAbove += r;
    queued += j * r;
    const ratio = lambda / (drain + (j + 1) * theta);
    if (ratio < 1 && (r * ratio) / (1 - ratio) < EPS * sumAbove) break; // the rest is a vanishing geometric tail
  }
  const z = below + sumAbove;
  const pWait = sumAbove / z;
  const meanQueue = queued / z;
  const served = (lambda - theta * meanQueue) / lambda;
  return {
    servers,
    offeredLoad: a,
    occupancy: Math.min(1, (a * served) / servers),
    pWait,
    serviceLevel: 1 - pWait + withinTarget(above, z, drain, theta, targetTime),
    meanWait: meanQueue / lambda,
    pAbandon: (theta * meanQueue) / lambda,
  };
}

/**
 * Σ_j π_{s+j} · P(called within t | j waiting ahead on arrival). From place k
 * the line moves on at rate s·μ + k·θ (a service ends, or someone ahead gives
 * up) and the citizen leaves at rate θ; uniformised at Λ = s·μ + (J+1)·θ.
 */
function withinTarget(above: readonly number[], z: number, drain: number, theta: number, t: number): number {
  if (t <= 0) return 0;
  const top = above.length - 1;
  const rateCap = drain + (top + 1) * theta;
  const d = above.map((r) => r / z);
  const move = above.map((_, k) => (drain + k * theta) / rateCap);
  const leave = theta / rateCap;
  const mean = rateCap * t;
  const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 20);
  let called = 0;
  let logWeight = -mean; // log Poisson(mean) at m = 0
  let result = 0;
  for (let m = 0; m <= steps; m++) {
    if (m > 0) {
      called += d[0] * move[0];
      for (let k = 0; k < top; k++) d[k] = d[k] * (1 - move[k] - leave) + d[k + 1] * move[k + 1];
      d[top] *= 1 - move[top] - leave;
      logWeight += Math.log(mean) - Math.log(m);
    }
    result += Math.exp(logWeight) * called;
  }
  return result;
}

/** The fewest counters that reach `serviceLevel` (0–1) within `targetTime` with impatient citizens. */
export function erlangAServersNeeded(load: ImpatientLoad, targetTime: number, serviceLevel: number, maxServers = 10000): number {
  for (let s = 1; s <= maxServers; s++) if (erlangA(load, s, targetTime).serviceLevel >= serviceLevel) return s;
  return maxServers;
}
