/**
 * What a simulated day is made of. Times of day are minutes since the site's
 * local midnight, so a plan reads the same in any time zone.
 */
import { OrderingSettings } from '../queue/ordering';

export type DurationModel =
  | { kind: 'lognormal'; meanMinutes: number; logSigma: number }
  | { kind: 'exponential'; meanMinutes: number };

export interface ScenarioService {
  id: string;
  name: string;
  targetWaitMinutes: number;
  /** Expected walk-in tickets on an ordinary day. */
  walkInsPerDay: number;
  /** Counter time from the call to the finish. */
  duration: DurationModel;
  /** Expected booked appointments on an ordinary day. */
  bookedPerDay?: number;
  /** Share of walk-ins in a priority group. */
  priorityShare?: number;
  /** Share of walk-ins who drift off for reasons other than the wait and miss their call. */
  noShowShare?: number;
}

export interface ScenarioCounter {
  id: string;
  kind: 'counter' | 'desk' | 'assisted-self-service';
  /** In the counter's order of preference. */
  serviceIds: string[];
  seats: number;
  opensAt: number;
  /** Stops calling at this minute (end of shift); absent: serves until the queue is empty. */
  closesAt?: number;
  /** One lunch break starting at a random minute in [earliest, latest]. */
  lunch?: { earliest: number; latest: number; minutes: number };
  /** Short interruptions ("on and off"): expected number per day and their length range. */
  interruptions?: { perDay: number; minMinutes: number; maxMinutes: number };
}

export interface PatienceModel {
  meanMinutes: number;
  logSigma: number;
  /** Share of those who give up that cancel the ticket; the rest are no-shows when called. */
  cancelShare: number;
}

export interface AppointmentModel {
  slotMinutes: number;
  /** Arrival relative to the appointment: normal(mean, sd), negative is early. */
  arrivalMeanMinutes: number;
  arrivalSdMinutes: number;
  /** Share of booked citizens who turn up. */
  showShare: number;
}

export interface Scenario {
  name: string;
  /** The kiosk issues walk-in tickets from opensAt to closesAt. */
  opensAt: number;
  closesAt: number;
  /** Waiting tickets expire this long after closesAt. */
  overtimeMinutes: number;
  /** Relative walk-in intensity in consecutive slots from opensAt. */
  arrivalProfile: { slotMinutes: number; weights: number[] };
  /** Day-to-day volume spread (lognormal sigma of a day factor). */
  dayVolumeSigma: number;
  services: ScenarioService[];
  counters: ScenarioCounter[];
  ordering: OrderingSettings;
  patience: PatienceModel | null;
  appointments: AppointmentModel | null;
  /** Counter time lost when a called citizen does not come. */
  noShowMinutes: number;
  /** 'measured': estimators see recent durations; 'known': they are given the true distributions. */
  stats: 'measured' | 'known';
  /** Durations per service measured on earlier days that the day starts with. */
  historyDurations: number;
  /** Predictions for tickets issued before this minute are warm-up, not scored. */
  scoreFrom?: number;
  /** The calendar date the simulated clock runs on. */
  date: string;
}

/** Expected walk-ins per clock hour (index 0–23) for one service: the "usual day" a forecast learns. */
export function expectedHourly(scenario: Scenario, service: ScenarioService): number[] {
  const { slotMinutes, weights } = scenario.arrivalProfile;
  const total = weights.reduce((s, w) => s + w, 0);
  const perHour = new Array<number>(24).fill(0);
  weights.forEach((w, i) => {
    const start = scenario.opensAt + i * slotMinutes;
    for (let m = start; m < start + slotMinutes; m += 1) {
      const hour = Math.floor(m / 60) % 24;
      perHour[hour] += (service.walkInsPerDay * w) / total / slotMinutes;
    }
  });
  return perHour;
}
