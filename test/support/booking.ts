import type { Page } from 'playwright-core';
import { SiteFixture } from './fixtures';
import { expectStatus } from './http';
import { TestSystem } from './system';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

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
  expectStatus(
    await admin.request('PUT', `/sites/${f.siteId}/counter-plan`, { weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, entries])) }),
    200,
  );
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
  expectStatus(await admin.request('PUT', `/sites/${f.siteId}/services/${serviceId}/booking-share`, { share: opts.share ?? 0.5 }), 200);
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
