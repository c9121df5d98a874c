import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import { Clock } from '../clock';

/** Walk-in arrivals per hour by service, ISO weekday (1–7) and hour, and the mean handling time per service. */
export interface WalkInHistory {
  arrivalsPerHour(serviceId: string, isoWeekday: number, hour: number): number;
  meanServiceMinutes(serviceId: string): number | null;
}

const WEEKS = 4;

/**
 * The walk-in forecast capacity planning uses: the mean arrivals of the same
 * weekday and hour over the four whole weeks before the site's today (as
 * staffing advice's usual-hour figure), and the mean handling time from the
 * call. Whole days, not a window sliding with the clock: a day's capacity then
 * stays the same all day and on every instance, so today's walk-ins cannot
 * make one instance give out a time another already counts as full. Read once
 * per site and day: a slot listing must not wait for it.
 */
@Injectable()
export class WalkInForecast {
  private readonly cache = new Map<string, { date: string; history: Promise<WalkInHistory> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `db`: the caller's transaction, if any (a cold cache read on a second pooled connection could wait for a full pool forever). */
  forSite(siteId: string, timeZone: string, db: DataSource | EntityManager = this.dataSource): Promise<WalkInHistory> {
    const today = Temporal.Instant.fromEpochMilliseconds(this.clock.now().getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
    const hit = this.cache.get(siteId);
    if (hit && hit.date === today.toString()) return hit.history;
    const history = this.load(siteId, timeZone, today, db);
    history.catch(() => this.cache.delete(siteId));
    this.cache.set(siteId, { date: today.toString(), history });
    return history;
  }

  private async load(siteId: string, timeZone: string, today: Temporal.PlainDate, db: DataSource | EntityManager): Promise<WalkInHistory> {
    const at = (date: Temporal.PlainDate) => new Date(date.toZonedDateTime({ timeZone }).epochMilliseconds).toISOString();
    const [since, until] = [at(today.subtract({ weeks: WEEKS })), at(today)];
    const arrivals: { service_id: string; dow: number; hour: number; n: number }[] = await db.query(
      `SELECT service_id, extract(isodow FROM issued_at AT TIME ZONE $2)::int AS dow, extract(hour FROM issued_at AT TIME ZONE $2)::int AS hour, count(*)::int AS n
       FROM ticket WHERE site_id = $1 AND issued_at >= $3 AND issued_at < $4 AND channel <> 'appointment'
       GROUP BY 1, 2, 3`,
      [siteId, timeZone, since, until],
    );
    const handling: { service_id: string; minutes: number }[] = await db.query(
      `SELECT service_id, avg(extract(epoch FROM ended_at - called_at) / 60)::float8 AS minutes
       FROM ticket WHERE site_id = $1 AND status = 'finished' AND ended_at >= $2 AND ended_at < $3 AND called_at IS NOT NULL GROUP BY 1`,
      [siteId, since, until],
    );
    const table = new Map(arrivals.map((r) => [`${r.service_id} ${r.dow} ${r.hour}`, r.n / WEEKS]));
    const means = new Map(handling.map((r) => [r.service_id, r.minutes]));
    return {
      arrivalsPerHour: (serviceId, dow, hour) => table.get(`${serviceId} ${dow} ${hour}`) ?? 0,
      meanServiceMinutes: (serviceId) => means.get(serviceId) ?? null,
    };
  }
}
