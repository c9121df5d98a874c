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
  opts: { counters?: number; services?: number; minutes?: number; share?: number | null; minNoticeMinutes?: number; maxDaysAhead?: number; openingHours?: unknown; timezone?: string; plan?: unknown; settings?: unknown } = {},
): Promise<BookableSite> {
  const f = await seedSite(sys, { services: opts.services ?? 1, counters: opts.counters ?? 2, openingHours: opts.openingHours ?? WEEKDAYS_8_TO_16, timezone: opts.timezone, settings: opts.settings });
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
  if (opts.share !== null) expectStatus(await admin.put(`/sites/${f.siteId}/services/${serviceId}/booking-share`, { share: opts.share ?? 0.5 }), 200);
  return { ...f, serviceId };
}
