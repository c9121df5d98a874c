/**
 * Plays a simulated day (the domain's day plan) against the real system over
 * HTTP: kiosk arrivals, counters calling and finishing, recalls and no-shows,
 * citizens giving up. Time runs `speed` times faster than real time.
 */
import { DayPlan, PlannedVisit, generateDayPlan, realisticScenario } from '../../libs/domain/src';

export interface DriverTarget {
  siteId: string;
  /** Site service id per scenario service id (passport, mitid, …). */
  serviceFor: (scenarioServiceId: string) => string;
  counters: { id: string; seats: number }[];
  issue: (serviceId: string, priority: number) => Promise<{ id: string } | null>;
  staff: (method: 'POST', path: string, body?: unknown) => Promise<{ status: number; body: any }>;
}

export interface DriverOptions {
  seed: number;
  speed: number;
  /** Only the first `minutes` of the day (from opening), e.g. for a short demo or test. */
  minutes?: number;
  log?: (line: string) => void;
}

const OUTCOMES = ['resolved', 'resolved', 'resolved', 'self-service', 'referred-back-office', 'referred-authority', 'follow-up'];
const HELP_MODES = ['advice', 'motivation', 'problem-solving', 'instruction'];

export async function driveDay(target: DriverTarget, options: DriverOptions) {
  const scenario = realisticScenario();
  const plan: DayPlan = generateDayPlan(options.seed, scenario);
  const end = options.minutes ? scenario.opensAt + options.minutes : scenario.closesAt;
  const visits = plan.visits.filter((v) => v.arriveAt >= scenario.opensAt && v.arriveAt < end).sort((a, b) => a.arriveAt - b.arriveAt);
  const msPerMinute = 60_000 / options.speed;
  const started = Date.now();
  const sleepUntil = (minute: number) => sleep(started + (minute - scenario.opensAt) * msPerMinute - Date.now());
  const byTicket = new Map<string, PlannedVisit>();
  const stats = { issued: 0, called: 0, finished: 0, noShows: 0, cancelled: 0, refused: 0 };
  let arrivalsDone = false;
  // Citizens who will give up later; the day ends with none left pending, so nothing runs after it.
  const giveUps = new Set<ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<void>>();

  for (const c of target.counters) await target.staff('POST', `/counters/${c.id}/open`);

  const arrivals = (async () => {
    for (const visit of visits) {
      await sleepUntil(visit.arriveAt);
      const ticket = await target.issue(target.serviceFor(visit.serviceId), visit.priority);
      if (!ticket) {
        stats.refused++;
        continue;
      }
      stats.issued++;
      byTicket.set(ticket.id, visit);
      if (visit.patienceMinutes !== null && visit.cancelsWhenLeaving) {
        const timer = setTimeout(() => {
          giveUps.delete(timer);
          const leaving = target.staff('POST', `/tickets/${ticket.id}/cancel`).then(
            (res) => void (res.status === 200 && stats.cancelled++),
            () => undefined,
          );
          inFlight.add(leaving);
          void leaving.finally(() => inFlight.delete(leaving));
        }, visit.patienceMinutes * msPerMinute);
        giveUps.add(timer);
      }
    }
    arrivalsDone = true;
  })();

  const seat = async (counterId: string, seatNo: number) => {
    for (;;) {
      const res = await target.staff('POST', `/counters/${counterId}/call-next`, { seat: seatNo });
      if (res.status !== 200) {
        if (arrivalsDone) return;
        await sleep(msPerMinute / 2);
        continue;
      }
      stats.called++;
      const ticket = res.body.ticket;
      const visit = byTicket.get(ticket.id);
      if (visit && !visit.answersCall) {
        await sleep(msPerMinute);
        await target.staff('POST', `/tickets/${ticket.id}/recall`);
        await sleep(msPerMinute / 2);
        if ((await target.staff('POST', `/tickets/${ticket.id}/no-show`)).status === 200) stats.noShows++;
        continue;
      }
      await target.staff('POST', `/tickets/${ticket.id}/start`);
      await sleep((visit?.serviceMinutes ?? 8) * msPerMinute);
      const outcome = OUTCOMES[stats.called % OUTCOMES.length];
      const helpMode = HELP_MODES[stats.called % HELP_MODES.length];
      if ((await target.staff('POST', `/tickets/${ticket.id}/finish`, { outcome, helpMode })).status === 200) stats.finished++;
    }
  };
  const seats = target.counters.flatMap((c) => Array.from({ length: c.seats }, (_, i) => seat(c.id, i + 1)));
  const progress = setInterval(() => options.log?.(JSON.stringify(stats)), 10_000);
  await arrivals;
  await Promise.all(seats);
  clearInterval(progress);
  for (const timer of giveUps) clearTimeout(timer);
  await Promise.all(inFlight);
  return stats;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
