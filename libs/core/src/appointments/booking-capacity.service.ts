import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import {
  CapacityCounter, CounterPlan, CounterPlanEntry, EMPTY_COUNTER_PLAN, OpeningInterval, ServiceDayCapacity, WalkInLoad, bookingOpeningOn, computedBookingShare, planEntriesOn, serviceDayCapacity,
} from '@skranke/domain';
import { AppointmentDay, Counter, CounterPlanRow, Service, Site, bookingSettings } from '@skranke/persistence';
import { WalkInForecast, WalkInHistory } from './walk-in-forecast';

/** Enough for every (service, weekday, hour, counters) of a large site several times over. */
const MAX_REMEMBERED_SHARES = 20_000;

export type ShareSource = 'day' | 'service' | 'computed';

/** What every capacity question of a site needs, read once per request. */
export interface BookingSite {
  site: Site;
  plan: CounterPlan;
  counters: Map<string, CapacityCounter>;
  history: WalkInHistory;
}

export interface ServiceDay extends ServiceDayCapacity {
  date: string;
  closed: boolean;
  shareSource: ShareSource;
}

/** A booking's length: as set, else the measured p80 handling time, else a quarter of an hour. */
export function appointmentMinutes(service: Service): number {
  return service.appointmentMinutes ?? service.measuredAppointmentMinutes ?? 15;
}

/**
 * Capacity per service and day from the counter plan (libs/domain capacity.ts):
 * the site's opening that day (Danish closed days applied), the plan's entries,
 * and the share: the day's override, the service's, or the largest the walk-in
 * forecast allows (booking-share.ts).
 */
@Injectable()
export class BookingCapacity {
  private readonly shares = new Map<string, number>();
  /** Per request context: a weekday pattern's capacity and the day start it was computed for. */
  private readonly patterns = new WeakMap<BookingSite, Map<string, { t0: number; capacity: ServiceDayCapacity }>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly forecast: WalkInForecast,
  ) {}

  async site(site: Site): Promise<BookingSite> {
    const [planRow, counters, services] = await Promise.all([
      this.dataSource.getRepository(CounterPlanRow).findOneBy({ siteId: site.id }),
      this.dataSource.getRepository(Counter).findBy({ siteId: site.id, active: true }),
      this.dataSource.getRepository(Service).findBy({ siteId: site.id, active: true }),
    ]);
    const active = new Set(services.map((s) => s.id));
    const capacityCounters = new Map<string, CapacityCounter>(
      counters.map((c) => [c.id, { id: c.id, seats: c.seats, serviceIds: c.serviceIds.filter((id) => active.has(id)) }]),
    );
    return { site, plan: planRow?.plan ?? EMPTY_COUNTER_PLAN, counters: capacityCounters, history: await this.forecast.forSite(site.id, site.timezone) };
  }

  /** The day rows (share override, closure) of a service between two dates, inclusive. */
  async days(serviceIds: string[], from: string, to: string): Promise<Map<string, AppointmentDay>> {
    if (!serviceIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(AppointmentDay)
      .createQueryBuilder('d')
      .where({ serviceId: In(serviceIds) })
      .andWhere('d.date BETWEEN :from AND :to', { from, to })
      .getMany();
    return new Map(rows.map((r) => [`${r.serviceId} ${r.date}`, r]));
  }

  day(ctx: BookingSite, service: Service, date: string, dayRow: AppointmentDay | undefined): ServiceDay {
    const fixed = dayRow?.share ?? service.bookingShare;
    const shareSource: ShareSource = dayRow?.share != null ? 'day' : service.bookingShare != null ? 'service' : 'computed';
    const opening = bookingOpeningOn(ctx.site.openingHours, date);
    const entries = planEntriesOn(ctx.plan, date);
    // A day without an offset change is its weekday's pattern moved in time: within one request (one
    // ctx: one plan, one set of counters, one forecast) the same service, weekday, opening, plan entries
    // and fixed share (and the service's length and target) give the same capacity, so a 62-day listing
    // computes each pattern once.
    const start = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: ctx.site.timezone });
    const next = start.add({ days: 1 });
    const steady = next.epochMilliseconds - start.epochMilliseconds === 86_400_000 && start.offsetNanoseconds === next.offsetNanoseconds && start.hour === 0 && start.minute === 0;
    const memo = steady ? (this.patterns.get(ctx) ?? this.patterns.set(ctx, new Map()).get(ctx)!) : undefined;
    const key = `${service.id}|${appointmentMinutes(service)}|${service.targetWaitMinutes}|${service.serviceLevelPercent}|${start.dayOfWeek}|${fixed}|${JSON.stringify(opening)}|${JSON.stringify(entries)}`;
    const known = memo?.get(key);
    const capacity = known ? moved(known.capacity, start.epochMilliseconds - known.t0) : this.compute(ctx, service, date, opening, entries, fixed);
    if (memo && !known) memo.set(key, { t0: start.epochMilliseconds, capacity: moved(capacity, 0) });
    return { ...capacity, date, closed: dayRow?.closedAt != null, shareSource };
  }

  private compute(ctx: BookingSite, service: Service, date: string, opening: OpeningInterval[], entries: CounterPlanEntry[], fixed: number | null): ServiceDayCapacity {
    const settings = bookingSettings(ctx.site.settings);
    const meanServiceMinutes = ctx.history.meanServiceMinutes(service.id) ?? appointmentMinutes(service);
    return serviceDayCapacity({
      date,
      timeZone: ctx.site.timezone,
      opening,
      entries,
      counters: ctx.counters,
      serviceId: service.id,
      appointmentMinutes: appointmentMinutes(service),
      share: ({ isoWeekday, hour, servers }) =>
        fixed ??
        this.computedShare(
          {
            arrivalsPerHour: ctx.history.arrivalsPerHour(service.id, isoWeekday, hour),
            meanServiceMinutes,
            servers,
            targetMinutes: service.targetWaitMinutes,
            serviceLevelPercent: service.serviceLevelPercent,
          },
          settings.maxShare,
        ),
    });
  }

  /**
   * computedBookingShare, remembered by its inputs: the same service, weekday,
   * hour and counters give the same load on every such day of a 62-day listing,
   * and the Erlang search behind it was most of the listing's time. A pure
   * function's value by all its inputs, so never stale.
   */
  private computedShare(load: WalkInLoad, maxShare: number): number {
    const key = `${load.arrivalsPerHour} ${load.meanServiceMinutes} ${load.servers} ${load.targetMinutes} ${load.serviceLevelPercent} ${maxShare}`;
    let share = this.shares.get(key);
    if (share === undefined) {
      if (this.shares.size >= MAX_REMEMBERED_SHARES) this.shares.clear();
      share = computedBookingShare(load, maxShare);
      this.shares.set(key, share);
    }
    return share;
  }
}

/** A day's capacity moved by `ms` (a copy: callers may keep or change what they get). */
function moved(c: ServiceDayCapacity, ms: number): ServiceDayCapacity {
  return {
    intervals: c.intervals.map((i) => ({ ...i, startsAt: i.startsAt + ms, endsAt: i.endsAt + ms })),
    slots: c.slots.map((s) => ({ ...s, startsAt: s.startsAt + ms, endsAt: s.endsAt + ms })),
  };
}

/** The site's date of an instant. */
export function siteDate(at: Date | number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(typeof at === 'number' ? at : at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** An instant as the site's clock writes it, with its offset: 2027-03-29T09:00:00+02:00. */
export function siteTime(at: Date | number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(typeof at === 'number' ? at : at.getTime()).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
}

/** The instant the site's day begins. */
export function dayStart(date: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds);
}
