/**
 * Seeded days of visits played through the real APIs on a clock the test sets (statistics, issue 21): walk-ins drawn
 * at the kiosk, called at counters, served, not showing, cancelled, leaving on their own, transferred, finished by
 * a slip within seconds, expiring at the day's close; floor encounters at the entrance and survey answers. The plan
 * is made first (pure, from the seed) and then played, so a test can compute every figure from the plan itself,
 * independently of what the system stores.
 */
import { DayCloseService } from '../../libs/jobs/src/day-close.service';
import { mixSeed, sfc32, type Random } from '../../libs/domain/src/wait/seeded-random';
import { ALWAYS_OPEN, SiteFixture, login, seedSite } from './fixtures';
import { expectStatus } from './http';
import { SettableClock } from './booking';
import { TestSystem } from './system';

export type PlannedResult = 'served' | 'no-show' | 'cancelled' | 'left' | 'expired' | 'mistaken';

/** One citizen's visit as planned and played: every time exact, because the clock is set to it. */
export interface PlannedVisit {
  key: string;
  date: string;
  /** Index into the fixture's services: the one drawn, and the one ended in (differs after a transfer). */
  drawnService: number;
  service: number;
  issuedAt: Date;
  /** When the citizen joined the queue the visit ended in: the issue, or the transfer. */
  queuedAt: Date;
  calledAt: Date | null;
  endedAt: Date | null;
  result: PlannedResult;
  counter: number | null;
  transferredAt: Date | null;
  /** A transferred visit's first call, before the transfer. */
  firstCall: { counter: number; at: Date } | null;
  outcome: 'resolved' | 'self-service' | 'referred-back-office' | null;
  helpMode: 'advice' | 'instruction' | null;
  /** The survey answer given after a served visit, if any. */
  survey: { gotWhatCameFor: boolean; guidance: 'very-good' | 'good' | 'poor'; feltSeenAndHeard?: boolean } | null;
}

export interface PlannedEncounter {
  date: string;
  at: Date;
  outcome: 'resolved-on-spot' | 'self-service' | 'referred';
  referralTarget: string | null;
}

export interface StatDay {
  /** The site's business date. */
  date: string;
  /** Local opening (whole hours, Europe/Copenhagen) of the stretch in which citizens arrive. */
  opensHour: number;
  closesHour: number;
  visits: number;
}

/** Ordinary days and the DST ones (29 March and 25 October 2026 are Sundays on which this site is open). */
export const STAT_DAYS: StatDay[] = [
  { date: '2026-03-27', opensHour: 8, closesHour: 15, visits: 36 },
  { date: '2026-03-29', opensHour: 8, closesHour: 15, visits: 24 },
  { date: '2026-03-30', opensHour: 8, closesHour: 15, visits: 40 },
  { date: '2026-10-25', opensHour: 8, closesHour: 15, visits: 24 },
  { date: '2026-10-26', opensHour: 8, closesHour: 15, visits: 36 },
];

const MINUTE = 60_000;
const TZ = 'Europe/Copenhagen';

/** The instant of a local wall time at the site (Copenhagen), for the plan. */
export function localInstant(date: string, hour: number, minute = 0): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const offsetMinutes = (at: Date) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - at.getTime()) / MINUTE;
  };
  return new Date(guess.getTime() - offsetMinutes(new Date(guess.getTime() - offsetMinutes(guess) * MINUTE)) * MINUTE);
}

const pick = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng.next() * items.length) % items.length];
const between = (rng: Random, lo: number, hi: number) => lo + rng.next() * (hi - lo);

/** The visits of one day: arrivals spread over the opening, fates drawn, counters assigned so a seat is always free when called. */
export function planDay(
  day: StatDay,
  seed: number,
  services: number,
  counters: number,
): { visits: PlannedVisit[]; encounters: PlannedEncounter[] } {
  const rng = sfc32(mixSeed(seed, Number(day.date.replace(/-/g, ''))));
  const opens = localInstant(day.date, day.opensHour).getTime();
  const span = (day.closesHour - day.opensHour) * 60 - 30;
  const free = Array.from({ length: counters }, () => opens);
  const arrivals = Array.from({ length: day.visits }, () => Math.floor(between(rng, 0, span))).sort((a, b) => a - b);
  const visits: PlannedVisit[] = [];
  arrivals.forEach((minute, i) => {
    const issuedAt = new Date(opens + minute * MINUTE + Math.floor(rng.next() * 50) * 1000);
    const drawn = Math.floor(rng.next() * services) % services;
    const fate = rng.next();
    const v: PlannedVisit = {
      key: `${day.date}#${i}`,
      date: day.date,
      drawnService: drawn,
      service: drawn,
      issuedAt,
      queuedAt: issuedAt,
      calledAt: null,
      endedAt: null,
      result: 'served',
      counter: null,
      transferredAt: null,
      firstCall: null,
      outcome: null,
      helpMode: null,
      survey: null,
    };
    visits.push(v);
    // The last arrivals of the day are never called: they expire at the close.
    if (i >= day.visits - 2) return void (v.result = 'expired');
    if (fate < 0.06)
      return void Object.assign(v, { result: 'left', endedAt: new Date(issuedAt.getTime() + Math.round(between(rng, 2, 20)) * MINUTE) });
    if (fate < 0.1)
      return void Object.assign(v, {
        result: 'cancelled',
        endedAt: new Date(issuedAt.getTime() + Math.round(between(rng, 1, 10)) * MINUTE),
      });
    const seat = (earliest: number) => {
      const c = free.indexOf(Math.min(...free));
      return { c, at: Math.max(earliest, free[c]) };
    };
    const first = seat(issuedAt.getTime() + Math.round(between(rng, 0, 20)) * MINUTE);
    v.counter = first.c;
    v.calledAt = new Date(first.at);
    if (fate < 0.15) {
      v.result = 'no-show';
      v.endedAt = new Date(first.at + 2 * MINUTE);
      free[first.c] = v.endedAt.getTime();
      return;
    }
    if (fate < 0.18) {
      v.result = 'mistaken';
      v.endedAt = new Date(first.at + 5000);
      v.outcome = 'resolved';
      free[first.c] = v.endedAt.getTime() + 1000;
      return;
    }
    if (fate < 0.26 && services > 1) {
      // Transferred at the counter to another service, to the back of its queue, then called again there.
      v.firstCall = { counter: first.c, at: new Date(first.at) };
      v.transferredAt = new Date(first.at + Math.round(between(rng, 2, 5)) * MINUTE);
      free[first.c] = v.transferredAt.getTime();
      v.service = (drawn + 1 + Math.floor(rng.next() * (services - 1))) % services;
      v.queuedAt = v.transferredAt;
      const second = seat(v.transferredAt.getTime() + Math.round(between(rng, 0, 15)) * MINUTE);
      v.counter = second.c;
      v.calledAt = new Date(second.at);
    }
    v.endedAt = new Date(v.calledAt.getTime() + Math.round(between(rng, 3, 20)) * MINUTE + Math.floor(rng.next() * 50) * 1000);
    v.outcome = pick(rng, ['resolved', 'resolved', 'self-service', 'referred-back-office'] as const);
    v.helpMode = pick(rng, ['advice', 'instruction'] as const);
    if (rng.next() < 0.3) v.survey = { gotWhatCameFor: rng.next() < 0.8, guidance: pick(rng, ['very-good', 'good', 'poor'] as const) };
    // Derived, drawing nothing from the seed, so the rest of the plan stays as it was.
    if (v.survey) v.survey.feltSeenAndHeard = i % 3 !== 1;
    free[v.counter!] = v.endedAt.getTime() + 1000;
  });
  const encounters: PlannedEncounter[] = Array.from({ length: Math.max(2, Math.round(day.visits / 6)) }, () => {
    const outcome = pick(rng, ['resolved-on-spot', 'self-service', 'referred'] as const);
    return {
      date: day.date,
      at: new Date(opens + Math.floor(between(rng, 0, span)) * MINUTE),
      outcome,
      referralTarget: outcome === 'referred' ? pick(rng, ['Udbetaling Danmark', 'Skat']) : null,
    };
  });
  return { visits, encounters };
}

export interface PlayedSite {
  fixture: SiteFixture;
  visits: PlannedVisit[];
  encounters: PlannedEncounter[];
  /** The tickets' ids by visit key. */
  tickets: Map<string, string>;
  /** The estimate the kiosk showed at issue (the answer's `estimatedWait`), by visit key. */
  shown: Map<string, { minutes: number; low: number; high: number } | null>;
}

type Step = { at: number; order: number; run: () => Promise<void> };

/**
 * Seeds a site (open every day, three services, `counters` counters) and plays the days on the clock: each step
 * sets the clock to its instant and calls the API a person would. Days are closed by the day-close job.
 */
export async function playStatDays(
  sys: TestSystem,
  clock: SettableClock,
  opts: { seed: number; days?: StatDay[]; counters?: number; name?: string; municipality?: string } = { seed: 1 },
): Promise<PlayedSite> {
  const days = opts.days ?? STAT_DAYS;
  const counters = opts.counters ?? 3;
  clock.set(localInstant(days[0].date, 7));
  const f = await seedSite(sys, {
    services: 3,
    counters,
    openingHours: ALWAYS_OPEN,
    targetWaitMinutes: 10,
    municipality: opts.municipality,
  });
  const admin = sys.triage.as(f.tokens.admin);
  if (opts.name) expectStatus(await admin.request('PATCH', `/sites/${f.siteId}`, { name: opts.name }), 200);
  // One member of staff per counter, as at a real site.
  const staff: string[] = [];
  for (let c = 0; c < counters; c++) {
    const username = `desk-${f.slug}-${c}`;
    expectStatus(
      await admin.post('/users', {
        username,
        password: 'password-123',
        displayName: `Desk ${c}`,
        roles: [{ siteId: f.siteId, role: 'counter' }],
      }),
      201,
    );
    staff.push(await login(sys.triage, username, 'password-123'));
  }
  const desk = (c: number) => sys.counterDisplay[0].as(staff[c]);
  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  const floor = sys.triage.as(f.tokens.floor);
  const tickets = new Map<string, string>();
  const tracking = new Map<string, string>();
  const shown: PlayedSite['shown'] = new Map();
  const visits: PlannedVisit[] = [];
  const encounters: PlannedEncounter[] = [];
  for (const [d, day] of days.entries()) {
    const plan = planDay(day, opts.seed + d, f.services.length, counters);
    visits.push(...plan.visits);
    encounters.push(...plan.encounters);
    const steps: Step[] = [];
    const add = (at: Date, order: number, run: () => Promise<void>) => steps.push({ at: at.getTime(), order, run });
    const opens = localInstant(day.date, day.opensHour);
    for (let c = 0; c < counters; c++)
      add(opens, 0, async () => expectStatus(await desk(c).post(`/counters/${f.counters[c].id}/open`), 200));
    for (const v of plan.visits) {
      const svc = (i: number) => f.services[i].id;
      add(v.issuedAt, 2, async () => {
        const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: svc(v.drawnService) });
        expectStatus(res, 201);
        tickets.set(v.key, res.body.id);
        tracking.set(v.key, res.body.trackingToken);
        shown.set(v.key, res.body.estimatedWait ?? null);
      });
      const id = () => tickets.get(v.key)!;
      if (v.result === 'left')
        add(v.endedAt!, 1, async () => expectStatus(await sys.ticketing.post(`/tickets/track/${tracking.get(v.key)}/leave`), 200));
      if (v.result === 'cancelled') add(v.endedAt!, 1, async () => expectStatus(await desk(0).post(`/tickets/${id()}/cancel`), 200));
      if (!v.calledAt) continue;
      if (v.firstCall && v.transferredAt) {
        const first = v.firstCall.counter;
        add(v.firstCall.at, 3, async () =>
          expectStatus(await desk(first).post(`/counters/${f.counters[first].id}/call/${id()}`, { seat: 1 }), 200),
        );
        add(v.transferredAt, 1, async () =>
          expectStatus(await desk(first).post(`/tickets/${id()}/transfer`, { serviceId: svc(v.service), placement: 'back' }), 200),
        );
      }
      const c = v.counter!;
      add(v.calledAt, 3, async () => expectStatus(await desk(c).post(`/counters/${f.counters[c].id}/call/${id()}`, { seat: 1 }), 200));
      if (v.result === 'no-show') {
        add(v.endedAt!, 1, async () => expectStatus(await desk(c).post(`/tickets/${id()}/no-show`), 200));
        continue;
      }
      add(v.endedAt!, 1, async () => {
        expectStatus(
          await desk(c).post(`/tickets/${id()}/finish`, { outcome: v.outcome, ...(v.helpMode ? { helpMode: v.helpMode } : {}) }),
          200,
        );
        if (v.survey) expectStatus(await sys.ticketing.post(`/tickets/track/${tracking.get(v.key)}/survey`, v.survey), 201);
      });
    }
    for (const e of plan.encounters) {
      add(e.at, 2, async () =>
        expectStatus(
          await floor.post(`/sites/${f.siteId}/encounters`, {
            outcome: e.outcome,
            ...(e.referralTarget ? { referralTarget: e.referralTarget } : {}),
          }),
          201,
        ),
      );
    }
    steps.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const step of steps) {
      clock.set(new Date(step.at));
      await step.run();
    }
    // Just after midnight the day closes: whoever still waits expires.
    clock.set(new Date(localInstant(day.date, 23, 59).getTime() + 2 * MINUTE));
    await sys.apps[0].get(DayCloseService).closeDueDays();
  }
  return { fixture: f, visits, encounters, tickets, shown };
}
