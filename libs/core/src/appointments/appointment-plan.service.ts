import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import { addDays, calendarDateParam, walkInServiceLevel } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import { Clock } from '../clock';
import { BookingCapacity, ShareSource, appointmentMinutes, dayStart, siteDate, siteTime } from './booking-capacity.service';

export interface PlanInterval {
  startsAt: string;
  /** Counter-minutes able to serve the service in the interval (seat-minutes, shared counters split evenly). */
  counterMinutes: number;
  share: number;
  bookableMinutes: number;
  /** Minutes of the bookings (booked, checked in or served) that start in the interval. */
  bookedMinutes: number;
  /** Walk-in arrivals forecast for the interval. */
  walkInForecast: number;
  /** The walk-ins' Erlang C service level (0–1) at the interval's share. */
  predictedServiceLevel: number;
}

export interface ServicePlan {
  serviceId: string;
  /** The day's booking share: the fixed one, or (computed) bookable ÷ counter minutes over the day. */
  share: number;
  shareSource: ShareSource;
  closed: boolean;
  appointmentMinutes: number;
  /** The service level walk-ins should reach (0–1). */
  targetServiceLevel: number;
  intervals: PlanInterval[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The supervisor's view of one day's split between booked times and walk-ins,
 * per bookable service and 15-minute interval: what the counter plan gives,
 * what is booked, the walk-ins forecast and the service level they are
 * predicted to get (the same Erlang C model that chose the computed share).
 */
@Injectable()
export class AppointmentPlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capacity: BookingCapacity,
    private readonly clock: Clock,
  ) {}

  /** The date asked for, or the site's today. */
  date(site: Site, value: unknown): string {
    return value === undefined || value === '' ? siteDate(this.clock.now(), site.timezone) : calendarDateParam(value);
  }

  async plan(site: Site, date: string): Promise<{ date: string; services: ServicePlan[] }> {
    const services = await this.dataSource
      .getRepository(Service)
      .find({ where: { siteId: site.id, active: true, bookable: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const ctx = await this.capacity.site(site);
    const dayRows = await this.capacity.days(services.map((s) => s.id), date, date);
    const booked = await this.bookedMinutes(site, date);
    const tz = site.timezone;
    return {
      date,
      services: services.map((service) => {
        const day = this.capacity.day(ctx, service, date, dayRows.get(`${service.id} ${date}`));
        const meanServiceMinutes = ctx.history.meanServiceMinutes(service.id) ?? appointmentMinutes(service);
        const intervals = day.intervals.map((i) => {
          const start = Temporal.Instant.fromEpochMilliseconds(i.startsAt).toZonedDateTimeISO(tz);
          const minutes = (i.endsAt - i.startsAt) / 60_000;
          const arrivalsPerHour = ctx.history.arrivalsPerHour(service.id, start.dayOfWeek, start.hour);
          const level = walkInServiceLevel(
            { arrivalsPerHour, meanServiceMinutes, servers: i.servers, targetMinutes: service.targetWaitMinutes, serviceLevelPercent: service.serviceLevelPercent },
            i.share,
          );
          return {
            startsAt: siteTime(i.startsAt, tz),
            counterMinutes: round(i.counterMinutes, 2),
            share: i.share,
            bookableMinutes: day.closed ? 0 : round(i.bookableMinutes, 2),
            bookedMinutes: booked.get(`${service.id} ${i.startsAt}`) ?? 0,
            walkInForecast: round((arrivalsPerHour * minutes) / 60, 3),
            predictedServiceLevel: round(level, 4),
          };
        });
        const counterMinutes = day.intervals.reduce((s, i) => s + i.counterMinutes, 0);
        const bookable = day.intervals.reduce((s, i) => s + i.bookableMinutes, 0);
        const fixed = day.intervals.find((i) => i.counterMinutes > 0)?.share ?? 0;
        return {
          serviceId: service.id,
          share: day.shareSource === 'computed' ? round(counterMinutes > 0 ? bookable / counterMinutes : 0, 3) : fixed,
          shareSource: day.shareSource,
          closed: day.closed,
          appointmentMinutes: appointmentMinutes(service),
          targetServiceLevel: service.serviceLevelPercent / 100,
          intervals,
        };
      }),
    };
  }

  /** Booked minutes per service and 15-minute interval (keyed by the interval's start, epoch ms), counted where a booking starts. */
  private async bookedMinutes(site: Site, date: string): Promise<Map<string, number>> {
    const from = dayStart(date, site.timezone);
    const to = dayStart(addDays(date, 1), site.timezone);
    const rows: { service_id: string; slot: Date; minutes: number }[] = await this.dataSource.query(
      `SELECT service_id, $2::timestamptz + floor(extract(epoch FROM starts_at - $2::timestamptz) / 900) * interval '15 minutes' AS slot,
              sum(extract(epoch FROM ends_at - starts_at) / 60)::float8 AS minutes
       FROM appointment
       WHERE site_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status IN ('booked', 'checked-in', 'served')
       GROUP BY 1, 2`,
      [site.id, from, to],
    );
    return new Map(rows.map((r) => [`${r.service_id} ${r.slot.getTime()}`, r.minutes]));
  }
}
