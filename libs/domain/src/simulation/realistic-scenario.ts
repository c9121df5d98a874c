/**
 * One Copenhagen-sized Borgerservice entrance on an ordinary weekday: about
 * 250 visits between 10:00 and 17:00, busiest late morning and after 15:00;
 * four counters, one desk and a medbetjening station with four PC places.
 * Durations are lognormal (call to finish); medbetjening is long and
 * heavy-tailed ("the time will never fit", seed 000).
 */
import { DEFAULT_ORDERING } from '../queue/ordering';
import { Scenario, ScenarioCounter, ScenarioService } from './scenario';

const at = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
};

/** 3 % in a priority group and 3 % who drift off for every service. */
function service(id: string, name: string, target: number, walkIns: number, meanMinutes: number, logSigma: number, booked = 0): ScenarioService {
  const duration = { kind: 'lognormal' as const, meanMinutes, logSigma };
  return { id, name, targetWaitMinutes: target, walkInsPerDay: walkIns, bookedPerDay: booked, duration, priorityShare: 0.03, noShowShare: 0.03 };
}

const lunch = { earliest: at('11:30'), latest: at('13:30'), minutes: 30 };
const interruptions = { perDay: 1.5, minMinutes: 3, maxMinutes: 10 };
const counter = (id: string, serviceIds: string[], extra: Partial<ScenarioCounter> = {}): ScenarioCounter => ({
  id,
  kind: 'counter',
  serviceIds,
  seats: 1,
  opensAt: at('10:00'),
  lunch,
  interruptions,
  ...extra,
});

export function realisticScenario(): Scenario {
  return {
    name: 'realistic',
    opensAt: at('10:00'),
    closesAt: at('17:00'),
    overtimeMinutes: 60,
    // Half-hour slots from 10:00: busiest late morning and after 15:00.
    arrivalProfile: { slotMinutes: 30, weights: [0.8, 0.95, 1.15, 1.3, 1.3, 1.15, 0.95, 0.8, 0.75, 0.8, 1.05, 1.2, 1.1, 0.8] },
    dayVolumeSigma: 0.12,
    services: [
      service('passport', 'Passports', 15, 50, 9, 0.35, 15),
      service('driving-licence', 'Driving licences', 15, 30, 7.5, 0.35, 10),
      service('mitid', 'MitID and NemID', 20, 45, 11, 0.5),
      service('health-card', 'Health cards', 10, 25, 5, 0.4),
      service('moving', 'Moving and CPR registration', 15, 22, 7.5, 0.45),
      service('assisted-self-service', 'Assisted self-service', 20, 30, 22, 0.9),
      service('tax-pension', 'Tax and pension guidance', 30, 12, 17, 0.6, 8),
    ],
    counters: [
      counter('counter-1', ['passport', 'driving-licence', 'health-card']),
      counter('counter-2', ['driving-licence', 'passport', 'moving']),
      counter('counter-3', ['mitid', 'health-card', 'passport']),
      counter('counter-4', ['moving', 'mitid', 'passport', 'driving-licence', 'health-card'], { closesAt: at('16:00') }),
      counter('desk-1', ['tax-pension', 'moving', 'mitid'], { kind: 'desk' }),
      counter('station-1', ['assisted-self-service', 'mitid'], { kind: 'assisted-self-service', seats: 4 }),
    ],
    ordering: DEFAULT_ORDERING,
    patience: { meanMinutes: 50, logSigma: 0.5, cancelShare: 0.5 },
    appointments: { slotMinutes: 10, arrivalMeanMinutes: -6, arrivalSdMinutes: 5, showShare: 0.92 },
    noShowMinutes: 1.5,
    stats: 'measured',
    historyDurations: 40,
    date: '2025-03-03',
  };
}

/**
 * The realistic day with a fifth counter whose shift starts at 12:00 (shared
 * by passports, MitID and moving): the estimate must foresee it opening, as
 * the live estimator reads it from the counter plan.
 */
export function lateOpeningScenario(): Scenario {
  const base = realisticScenario();
  return {
    ...base,
    name: 'late-opening',
    services: base.services.map((s) => ({ ...s, walkInsPerDay: Math.round(s.walkInsPerDay * 1.15) })),
    counters: [...base.counters, counter('counter-5', ['mitid', 'passport', 'moving'], { opensAt: at('12:00') })],
  };
}
