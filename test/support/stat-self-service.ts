/**
 * A day at an assisted self-service station (statistics report 12), planned first and then played through the real
 * APIs on the settable clock: a site whose only counter is of kind `assisted-self-service` with several seats,
 * opened, paused, reopened and closed at planned times, citizens called into its seats side by side, served or not
 * showing. The plan is pure (no seed needed), so a test computes busy and open seat time from it independently.
 */
import { ALWAYS_OPEN, SiteFixture, seedSite } from './fixtures';
import { expectStatus } from './http';
import { SettableClock } from './booking';
import { localInstant } from './stat-days';
import { TestSystem } from './system';

const MINUTE = 60_000;

export interface SeatVisit {
  issuedAt: Date;
  calledAt: Date;
  endedAt: Date;
  seat: number;
  result: 'served' | 'no-show';
}

export interface PlayedSeatDay {
  fixture: SiteFixture;
  date: string;
  seats: number;
  visits: SeatVisit[];
  /** When the station was open (paused and closed time left out). */
  open: { from: Date; to: Date }[];
}

/** The plan: open 09:00–11:00 and 11:30–14:00 (a pause between), an arrival every 10 minutes into alternating seats. */
export function planSeatDay(date: string, seats: number): Omit<PlayedSeatDay, 'fixture'> {
  const at = (h: number, m: number) => localInstant(date, h, m);
  const open = [
    { from: at(9, 0), to: at(11, 0) },
    { from: at(11, 30), to: at(14, 0) },
  ];
  const visits: SeatVisit[] = [];
  for (let k = 0; ; k++) {
    const issuedAt = new Date(at(9, 5).getTime() + k * 10 * MINUTE + (k % 5) * 7000);
    if (issuedAt >= at(13, 20)) break;
    const calledAt = new Date(issuedAt.getTime() + 2 * MINUTE + (k % 3) * 11_000);
    const noShow = k % 7 === 3;
    const endedAt = new Date(calledAt.getTime() + (noShow ? 2 * MINUTE : (6 + (k % 4) * 2) * MINUTE + ((k * 7) % 50) * 1000));
    // Nobody is called into a paused station: the stretch around the pause has no visits.
    if (endedAt > open[0].to && calledAt < open[1].from) continue;
    visits.push({ issuedAt, calledAt, endedAt, seat: (k % seats) + 1, result: noShow ? 'no-show' : 'served' });
  }
  return { date, seats, visits, open };
}

export async function playSeatDay(
  sys: TestSystem,
  clock: SettableClock,
  opts: { date: string; seats: number; name: string },
): Promise<PlayedSeatDay> {
  const plan = planSeatDay(opts.date, opts.seats);
  clock.set(localInstant(opts.date, 7));
  const f = await seedSite(sys, { services: 1, counters: 0, openingHours: ALWAYS_OPEN, targetWaitMinutes: 10 });
  const admin = sys.triage.as(f.tokens.admin);
  expectStatus(await admin.request('PATCH', `/sites/${f.siteId}`, { name: opts.name }), 200);
  const created = await admin.post(`/sites/${f.siteId}/counters`, {
    name: 'Medbetjening',
    kind: 'assisted-self-service',
    seats: opts.seats,
    serviceIds: [f.services[0].id],
  });
  expectStatus(created, 201);
  const counterId: string = created.body.id;
  const desk = sys.counterDisplay[0].as(f.tokens.counter);
  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  const steps: { at: number; order: number; run: () => Promise<void> }[] = [];
  const add = (at: Date, order: number, run: () => Promise<void>) => steps.push({ at: at.getTime(), order, run });
  const counter = (action: string) => async () => expectStatus(await desk.post(`/counters/${counterId}/${action}`), 200);
  add(plan.open[0].from, 0, counter('open'));
  add(plan.open[0].to, 0, counter('pause'));
  add(plan.open[1].from, 0, counter('open'));
  add(plan.open[1].to, 4, counter('close'));
  for (const v of plan.visits) {
    let id = '';
    add(v.issuedAt, 2, async () => {
      const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
      expectStatus(res, 201);
      id = res.body.id;
    });
    add(v.calledAt, 3, async () => expectStatus(await desk.post(`/counters/${counterId}/call/${id}`, { seat: v.seat }), 200));
    add(v.endedAt, 1, async () =>
      expectStatus(
        await desk.post(
          `/tickets/${id}/${v.result === 'served' ? 'finish' : 'no-show'}`,
          v.result === 'served' ? { outcome: 'self-service', helpMode: 'instruction' } : undefined,
        ),
        200,
      ),
    );
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) {
    clock.set(new Date(step.at));
    await step.run();
  }
  return { fixture: f, ...plan };
}
