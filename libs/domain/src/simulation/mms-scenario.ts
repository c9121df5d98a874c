/**
 * The textbook M/M/s queue, to check the simulator against theory: one
 * service, s identical counters, Poisson arrivals at a constant rate for 24
 * hours, exponential service, first come first served, nobody gives up. The
 * estimators are given the true mean (as the theory assumes). Here the QL
 * predictor is optimal and its RRASE over delayed citizens is √(1 − ρ).
 */
import { DEFAULT_ORDERING } from '../queue/ordering';
import { Scenario } from './scenario';

export interface MmsOptions {
  servers?: number;
  /** ρ = λ / (s·μ). */
  load?: number;
  /** The time scale is free; a short service packs more independent busy periods into a simulated day. */
  meanServiceMinutes?: number;
  /** Predictions in the first hours are warm-up (the day starts empty). */
  warmupMinutes?: number;
}

export function mmsScenario({ servers = 5, load = 0.9, meanServiceMinutes = 1, warmupMinutes = 180 }: MmsOptions = {}): Scenario {
  const perMinute = (load * servers) / meanServiceMinutes;
  return {
    name: 'mms',
    opensAt: 0,
    closesAt: 24 * 60,
    overtimeMinutes: 24 * 60,
    arrivalProfile: { slotMinutes: 24 * 60, weights: [1] },
    dayVolumeSigma: 0,
    services: [
      {
        id: 'service',
        name: 'Service',
        targetWaitMinutes: 15,
        walkInsPerDay: perMinute * 24 * 60,
        duration: { kind: 'exponential', meanMinutes: meanServiceMinutes },
      },
    ],
    counters: Array.from({ length: servers }, (_, i) => ({ id: `counter-${i + 1}`, kind: 'counter' as const, serviceIds: ['service'], seats: 1, opensAt: 0 })),
    ordering: { ...DEFAULT_ORDERING, policy: 'fifo' },
    patience: null,
    appointments: null,
    noShowMinutes: 0,
    stats: 'known',
    historyDurations: 0,
    scoreFrom: warmupMinutes,
    date: '2025-03-03',
  };
}
