/**
 * The floor's alerts and what would help, from the room as floor-state sees it.
 * Pure: the wait alerts come from the wait_alert rows the jobs write; the counter
 * alerts (open but idle, paused too long) are computed from the counters.
 */
export type AlertKind = 'warning' | 'breach' | 'idle-counter' | 'long-pause' | 'staffing';

export interface AlertAdvice {
  /** open-counter | add-service | call-next | call-ticket: the page words it in its language. */
  code: string;
  counterName?: string;
  serviceId?: string;
  number?: string;
  /** staffing: counters to add, and the target they reach. */
  extra?: number;
  level?: number;
  target?: number;
}

export interface FloorAlert {
  id: string;
  kind: AlertKind;
  at: string;
  ticketId: string | null;
  counterId: string | null;
  serviceId: string | null;
  number: string | null;
  acknowledgeable: boolean;
  advice: AlertAdvice;
}

export interface RoomService { serviceId: string; code: string; names: Record<string, string>; waiting: number }
export interface RoomCounter { id: string; name: string; state: string; serviceIds: string[]; stateChangedAt: string; current: unknown[] }
export interface WaitAlertRow { ticketId: string; serviceId: string; kind: string; number: string; at: string }

/** A counter open with nothing to do for this long, while its services have citizens waiting, is an alert. */
export const IDLE_ALERT_SECONDS = 60;

/** What would help a service that falls behind: open a counter that serves it, else move someone there. */
export function adviceForService(serviceId: string, counters: RoomCounter[], number?: string): AlertAdvice {
  const idle = counters.find((c) => c.state === 'open' && !c.current.length && c.serviceIds.includes(serviceId));
  if (idle) return { code: number ? 'call-ticket' : 'call-next', counterName: idle.name, serviceId, number };
  const closed = counters.find((c) => c.state !== 'open' && c.serviceIds.includes(serviceId));
  if (closed) return { code: 'open-counter', counterName: closed.name, serviceId };
  const other = counters.find((c) => c.state === 'open' && !c.serviceIds.includes(serviceId));
  if (other) return { code: 'add-service', counterName: other.name, serviceId };
  return { code: 'add-service', serviceId };
}

export function waitAlerts(rows: WaitAlertRow[], counters: RoomCounter[]): FloorAlert[] {
  return rows.map((a) => ({
    id: `${a.kind}:${a.ticketId}`,
    kind: a.kind as AlertKind,
    at: a.at,
    ticketId: a.ticketId,
    counterId: null,
    serviceId: a.serviceId,
    number: a.number,
    acknowledgeable: true,
    advice: adviceForService(a.serviceId, counters, a.number),
  }));
}

export function counterAlerts(
  services: RoomService[],
  counters: RoomCounter[],
  idleSince: Map<string, Date>,
  pauseAlertMinutes: number,
  now: Date,
): FloorAlert[] {
  const out: FloorAlert[] = [];
  for (const c of counters) {
    const since = new Date(Math.max(Date.parse(c.stateChangedAt), idleSince.get(c.id)?.getTime() ?? 0));
    const waitingFor = services.find((s) => c.serviceIds.includes(s.serviceId) && s.waiting > 0);
    const base = { at: since.toISOString(), ticketId: null, counterId: c.id, number: null, acknowledgeable: false };
    if (c.state === 'open' && !c.current.length && waitingFor && now.getTime() - since.getTime() >= IDLE_ALERT_SECONDS * 1000) {
      const advice = { code: 'call-next', counterName: c.name, serviceId: waitingFor.serviceId };
      out.push({ ...base, id: `idle-counter:${c.id}`, kind: 'idle-counter', serviceId: waitingFor.serviceId, advice });
    }
    if (c.state === 'paused' && now.getTime() - Date.parse(c.stateChangedAt) >= pauseAlertMinutes * 60_000) {
      const advice = waitingFor
        ? adviceForService(waitingFor.serviceId, counters.filter((o) => o.id !== c.id))
        : { code: 'open-counter', counterName: c.name };
      out.push({ ...base, at: c.stateChangedAt, id: `long-pause:${c.id}`, kind: 'long-pause', serviceId: waitingFor?.serviceId ?? null, advice });
    }
  }
  return out;
}

/**
 * A service that needs more open counters for the next hour than it has
 * (Erlang C on the forecast), while citizens wait for it: on an empty queue
 * the forecast alone never raises an alert (the dashboard still shows it).
 */
export function staffingAlerts(
  staffing: { serviceId: string; delta: number; waiting: number; targetMinutes: number; serviceLevelPercent: number }[],
  now: Date,
): FloorAlert[] {
  return staffing
    .filter((s) => s.delta > 0 && s.waiting > 0)
    .map((s) => ({
      id: `staffing:${s.serviceId}`,
      kind: 'staffing' as const,
      at: now.toISOString(),
      ticketId: null,
      counterId: null,
      serviceId: s.serviceId,
      number: null,
      acknowledgeable: false,
      advice: { code: 'staffing', serviceId: s.serviceId, extra: s.delta, level: s.serviceLevelPercent, target: s.targetMinutes },
    }));
}
