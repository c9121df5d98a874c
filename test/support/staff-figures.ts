/**
 * Staff figures played through the real APIs on a SettableClock (test/e2e/staff-figures.spec.ts and the page's
 * browser test): counter staff ("desks") each at their own counter, visits served for a chosen time, and the
 * figures the endpoints must give for them, computed here from what was played.
 */
import { percentileDisc, secondsToMinutes } from '../../libs/domain/src/statistics/percentile';
import type { SettableClock } from './booking';
import { SiteFixture, login } from './fixtures';
import { Api, expectStatus } from './http';
import type { TestSystem } from './system';

export const PURPOSE = 'Planlægning af bemanding og oplæring pr. ydelse (aftalt i MED-udvalget)';

/** Copenhagen is UTC+1 in winter: 08:00Z is 09:00 at the site. */
export const at = (date: string, hhmm = '08:00') => new Date(`${date}T${hhmm}:00Z`);

export interface Desk {
  id: string;
  username: string;
  token: string;
  /** The triage app as this person. */
  api: Api;
}

export interface Played {
  desk: number;
  service: number;
  /** Seconds from call to finish. */
  seconds: number;
  date: string;
}

/** Who served what: service 0 by desks 0–4 (five persons, a team), service 1 by desks 4 and 5 (two, withheld). */
export const PLAN: Omit<Played, 'date'>[] = [
  { desk: 0, service: 0, seconds: 5 * 60 },
  { desk: 0, service: 0, seconds: 12 * 60 },
  { desk: 0, service: 0, seconds: 5 }, // finished 5 s after the call: mistaken, served but out of the times
  { desk: 1, service: 0, seconds: 7 * 60 },
  { desk: 2, service: 0, seconds: 3 * 60 },
  { desk: 2, service: 0, seconds: 9 * 60 },
  { desk: 3, service: 0, seconds: 4 * 60 },
  { desk: 4, service: 0, seconds: 11 * 60 },
  { desk: 4, service: 1, seconds: 6 * 60 },
  { desk: 5, service: 1, seconds: 8 * 60 },
  { desk: 5, service: 1, seconds: 2 * 60 },
  { desk: 5, service: 1, seconds: 20 * 60 },
];

/** Figures as the endpoints define them, from the played visits. */
export function figures(visits: Played[]) {
  const times = visits
    .filter((v) => v.seconds >= 10)
    .map((v) => v.seconds)
    .sort((a, b) => a - b);
  return {
    served: visits.length,
    handlingMeanMinutes: times.length ? secondsToMinutes(times.reduce((s, t) => s + t, 0) / times.length) : null,
    handlingP90Minutes: secondsToMinutes(percentileDisc(times, 0.9)),
  };
}

/** `n` counter staff ("Desk 0" …), desk d signed in with the counter role and its counter f.counters[d] open. */
export async function addDesks(sys: TestSystem, f: SiteFixture, n: number): Promise<Desk[]> {
  const admin = sys.triage.as(f.tokens.admin);
  const desks: Desk[] = [];
  for (let d = 0; d < n; d++) {
    const username = `desk-${f.slug}-${d}`;
    const r = await admin.post('/users', {
      username,
      password: 'password-123',
      displayName: `Desk ${d}`,
      roles: [{ siteId: f.siteId, role: 'counter' }],
    });
    expectStatus(r, 201);
    const token = await login(sys.triage, username, 'password-123');
    desks.push({ id: r.body.id, username, token, api: sys.triage.as(token) });
    expectStatus(await sys.counterDisplay[0].as(token).post(`/counters/${f.counters[d].id}/open`), 200);
  }
  return desks;
}

/** Issues a ticket of the service, has the desk call it at its own counter and finish it `seconds` later. */
export async function serve(
  sys: TestSystem,
  f: SiteFixture,
  clock: SettableClock,
  desks: Desk[],
  desk: number,
  service: number,
  seconds: number,
): Promise<void> {
  const issued = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[service].id });
  expectStatus(issued, 201);
  const api = sys.counterDisplay[0].as(desks[desk].token);
  expectStatus(await api.post(`/counters/${f.counters[desk].id}/call/${issued.body.id}`, { seat: 1 }), 200);
  clock.set(new Date(clock.now().getTime() + seconds * 1000));
  expectStatus(await api.post(`/tickets/${issued.body.id}/finish`, { outcome: 'resolved' }), 200);
  clock.advance(1);
}

export interface AuditEntry {
  action: string;
  actorId: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

/** The site's audit entries of one action on one day (the site's calendar), as an administrator reads them. */
export async function auditOf(admin: Api, siteId: string, date: string, action: string): Promise<AuditEntry[]> {
  const r = await admin.get(`/audit?siteId=${siteId}&from=${date}&to=${date}&limit=1000`);
  expectStatus(r, 200);
  return (r.body.entries as AuditEntry[]).filter((e) => e.action === action);
}
