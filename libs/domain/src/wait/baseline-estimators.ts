/**
 * The textbook wait predictors (Ibrahim & Whitt), each on its service's own
 * line, ignoring that counters share services. They are the yardstick the
 * schedule estimator must beat:
 * - QL: (n+1)/(s·μ) with n tickets ahead and s open seats; optimal for M/M/s.
 * - LES: the wait of the last ticket of the service that was called.
 * - HOL: how long the head of the line has waited so far.
 * - naive: place in line × mean service time / open seats (the old simpleEstimate).
 * All predict 0 when an idle open seat serving the service can call the ticket at once.
 */
import { CallContext, compareForCall } from '../queue/ordering';
import { asSummary } from './duration-stats';
import { WaitEstimate, naiveEstimate } from './simple-estimate';
import { WaitEstimator, WaitSnapshot, WaitingTicket } from './wait-snapshot';

export interface ServiceLine {
  /** This service's waiting tickets, first to be called first. */
  tickets: WaitingTicket[];
  openSeats: number;
  idleSeats: number;
  meanServiceMinutes: number;
  lastWaitMinutes: number | null;
}

export function serviceLines(snapshot: WaitSnapshot): Map<string, ServiceLine> {
  const lines = new Map<string, ServiceLine>();
  const line = (serviceId: string): ServiceLine => {
    let l = lines.get(serviceId);
    if (!l) {
      const stats = snapshot.services.get(serviceId);
      const meanServiceMinutes = asSummary(stats?.durations).meanMinutes;
      l = { tickets: [], openSeats: 0, idleSeats: 0, meanServiceMinutes, lastWaitMinutes: stats?.lastWaitMinutes ?? null };
      lines.set(serviceId, l);
    }
    return l;
  };
  for (const t of snapshot.waiting) line(t.serviceId).tickets.push(t);
  for (const c of snapshot.counters) {
    if (c.state !== 'open') continue;
    for (const serviceId of c.serviceIds) {
      const l = line(serviceId);
      l.openSeats += c.seats;
      l.idleSeats += Math.max(0, c.seats - c.busy.length);
    }
  }
  for (const [serviceId, l] of lines) {
    const ctx: CallContext = { serviceIds: [serviceId], targetWaitMinutes: snapshot.targetWaitMinutes, settings: snapshot.ordering, now: snapshot.now };
    l.tickets.sort((a, b) => compareForCall(a, b, ctx));
  }
  return lines;
}

const Z90 = 1.2815516;

/** Erlang(k, rate) p10 and p90 by the Wilson–Hilferty cube-root approximation. */
function erlangRange(k: number, rate: number): [number, number] {
  const c = 1 / (9 * k);
  const at = (z: number) => (k / rate) * Math.pow(Math.max(0, 1 - c + z * Math.sqrt(c)), 3);
  return [at(-Z90), at(Z90)];
}

type Predict = (ticket: WaitingTicket, ahead: number, line: ServiceLine, snapshot: WaitSnapshot) => WaitEstimate;

class LineEstimator implements WaitEstimator {
  constructor(
    readonly name: string,
    readonly hasRange: boolean,
    private readonly predict: Predict,
  ) {}

  estimate(snapshot: WaitSnapshot, ticketIds?: readonly string[]): Map<string, WaitEstimate> {
    const wanted = ticketIds ? new Set(ticketIds) : null;
    const result = new Map<string, WaitEstimate>();
    for (const line of serviceLines(snapshot).values()) {
      line.tickets.forEach((ticket, ahead) => {
        if (wanted && !wanted.has(ticket.id)) return;
        result.set(ticket.id, ahead < line.idleSeats ? { minutes: 0, low: 0, high: 0 } : this.predict(ticket, ahead, line, snapshot));
      });
    }
    return result;
  }
}

const point = (minutes: number): WaitEstimate => ({ minutes, low: minutes, high: minutes });
const waitedMinutes = (t: WaitingTicket, snapshot: WaitSnapshot) => (snapshot.now.getTime() - t.issuedAt.getTime()) / 60000;

export const queueLengthEstimator: WaitEstimator = new LineEstimator('QL', true, (_t, ahead, line) => {
  const rate = Math.max(line.openSeats, 1) / line.meanServiceMinutes;
  const [low, high] = erlangRange(ahead + 1, rate);
  return { minutes: (ahead + 1) / rate, low, high };
});

export const lastToEnterServiceEstimator: WaitEstimator = new LineEstimator('LES', false, (t, _ahead, line, snapshot) =>
  point(Math.max(0, (line.lastWaitMinutes ?? 0) - waitedMinutes(t, snapshot))),
);

export const headOfLineEstimator: WaitEstimator = new LineEstimator('HOL', false, (t, _ahead, line, snapshot) =>
  point(Math.max(0, waitedMinutes(line.tickets[0], snapshot) - waitedMinutes(t, snapshot))),
);

export const naiveEstimator: WaitEstimator = new LineEstimator('naive', true, (_t, ahead, line) =>
  naiveEstimate({ ahead, meanServiceMinutes: line.meanServiceMinutes, openCounters: line.openSeats }),
);

export const BASELINE_ESTIMATORS: readonly WaitEstimator[] = [queueLengthEstimator, lastToEnterServiceEstimator, headOfLineEstimator, naiveEstimator];
