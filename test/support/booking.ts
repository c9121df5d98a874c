import type { Page } from 'playwright-core';
import { Clock } from '@skranke/core';
import { expectStatus } from './http';
import { SiteFixture, seedSite } from './fixtures';
import type { TestSystem } from './system';

/** A clock the test sets: booking rules (notice, horizon, cut-off, rebook delay) read it. */
export class SettableClock extends Clock {
  constructor(private at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(minutes: number): void {
    this.at = new Date(this.at.getTime() + minutes * 60_000);
  }
}

export const WEEKDAYS_8_TO_16 = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens: '08:00', closes: '16:00' }]])),
};

export interface BookableSite extends SiteFixture {
  /** The first service, made bookable. */
  serviceId: string;
}

/**
 * A site open on weekdays 08–16 whose first service is bookable with a fixed
 * length and share, and a counter plan with every counter open 08–16 on weekdays.
 */
export async function seedBookableSite(
  sys: TestSystem,
  opts: {
    counters?: number;
    services?: number;
    minutes?: number;
    share?: number | null;
    minNoticeMinutes?: number;
    maxDaysAhead?: number;
    openingHours?: unknown;
    timezone?: string;
    plan?: unknown;
    settings?: unknown;
  } = {},
): Promise<BookableSite> {
  const f = await seedSite(sys, {
    services: opts.services ?? 1,
    counters: opts.counters ?? 2,
    openingHours: opts.openingHours ?? WEEKDAYS_8_TO_16,
    timezone: opts.timezone,
    settings: opts.settings,
  });
  const admin = sys.triage.as(f.tokens.admin);
  const serviceId = f.services[0].id;
  expectStatus(
    await admin.patch(`/sites/${f.siteId}/services/${serviceId}`, {
      bookable: true,
      appointmentMinutes: opts.minutes ?? 15,
      minNoticeMinutes: opts.minNoticeMinutes ?? 0,
      maxDaysAhead: opts.maxDaysAhead ?? 30,
    }),
    200,
  );
  const entries = f.counters.map((c) => ({ counterId: c.id, opens: '08:00', closes: '16:00' }));
  const plan = opts.plan ?? { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, entries])) };
  expectStatus(await admin.put(`/sites/${f.siteId}/counter-plan`, plan), 200);
  if (opts.share !== null)
    expectStatus(await admin.put(`/sites/${f.siteId}/services/${serviceId}/booking-share`, { share: opts.share ?? 0.5 }), 200);
  return { ...f, serviceId };
}

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Makes a service bookable as an administrator would (issue 19): the service's
 * booking rules, and a counter plan with every counter of the site open
 * `opens`–`closes` every day of the week, so any day of the test has times.
 */
export async function makeBookable(
  sys: TestSystem,
  f: SiteFixture,
  serviceId: string,
  opts: {
    opens?: string;
    closes?: string;
    appointmentMinutes?: number;
    minNoticeMinutes?: number;
    maxDaysAhead?: number;
    cancelCutoffMinutes?: number;
    share?: number;
  } = {},
): Promise<void> {
  const admin = sys.triage.as(f.tokens.admin);
  const entries = f.counters.map((c) => ({ counterId: c.id, opens: opts.opens ?? '08:00', closes: opts.closes ?? '16:00' }));
  expectStatus(await admin.put(`/sites/${f.siteId}/counter-plan`, { weekly: Object.fromEntries(EVERY_DAY.map((d) => [d, entries])) }), 200);
  expectStatus(
    await admin.patch(`/sites/${f.siteId}/services/${serviceId}`, {
      bookable: true,
      appointmentMinutes: opts.appointmentMinutes ?? 15,
      minNoticeMinutes: opts.minNoticeMinutes ?? 60,
      maxDaysAhead: opts.maxDaysAhead ?? 30,
      cancelCutoffMinutes: opts.cancelCutoffMinutes ?? 120,
    }),
    200,
  );
  // A fixed share, so the free times do not depend on the walk-in forecast of a site without history.
  expectStatus(await admin.put(`/sites/${f.siteId}/services/${serviceId}/booking-share`, { share: opts.share ?? 0.5 }), 200);
}

/** The first free time of a service from the public API (the page shows the same). */
export async function firstFreeTime(
  sys: TestSystem,
  f: SiteFixture,
  serviceId: string,
  from: string,
  to: string,
): Promise<{ date: string; startsAt: string }> {
  const res = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${serviceId}&from=${from}&to=${to}`);
  expectStatus(res, 200);
  const day = (res.body.days as { date: string; slots: { startsAt: string }[] }[]).find((d) => d.slots.length);
  if (!day) throw new Error(`no free time for ${serviceId} from ${from} to ${to}`);
  return { date: day.date, startsAt: day.slots[0].startsAt };
}

/** Presses Tab until the element matching `selector` has focus (as a keyboard user would), then returns. */
export async function tabTo(page: Page, selector: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Today's date in a zone, YYYY-MM-DD. */
export function dateIn(timeZone: string, plusDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10);
}
