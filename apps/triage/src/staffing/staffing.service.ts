import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@skranke/core';
import { type StaffingAdviceText, businessDate, forecastArrivalsPerHour, staffingAdvice, zonedParts } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import * as SQL from '../dashboard/dashboard-figures.sql';

export interface ServiceStaffing {
  serviceId: string;
  arrivalsPerHour: number;
  countersNeeded: number;
  /** Counters to open (positive) or that could go (negative) for the next hour. */
  delta: number;
  /** Citizens waiting now: a staffing alert needs some (the forecast alone advises, it does not alarm). */
  waiting: number;
  /** What to do, as a key with parameters that the pages word in their language. */
  advice: StaffingAdviceText;
  targetMinutes: number;
  serviceLevelPercent: number;
}

type Row = Record<string, any>;

/**
 * Erlang C advice per service for the next hour: arrivals forecast from the
 * same hour on the last four same weekdays blended with the last hour, today's
 * mean service time, and the counters open for the service now.
 */
@Injectable()
export class StaffingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async forSite(site: Site, room: { services: { serviceId: string; waiting: number }[]; counters: { state: string; serviceIds: string[] }[] }): Promise<ServiceStaffing[]> {
    const now = this.clock.now();
    const date = businessDate(now, site.timezone);
    const hour = Math.floor(zonedParts(now, site.timezone).minutes / 60);
    const q = (sql: string, extra: unknown[] = []): Promise<Row[]> => this.dataSource.query(sql, [site.id, date, ...extra]);
    const within = await q(SQL.WITHIN_TARGET);
    const lastHour = await q(SQL.LAST_HOUR_ARRIVALS, [now.toISOString()]);
    const usual = await q(SQL.USUAL_THIS_HOUR, [site.timezone, hour]);
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId: site.id, active: true } });
    return room.services.flatMap((s) => {
      const service = services.find((x) => x.id === s.serviceId);
      if (!service) return [];
      const history = usual.find((r) => r.service_id === s.serviceId);
      const historyPerHour: number[] = [];
      if (history || usual.length) historyPerHour[hour] = Number(history?.n ?? 0);
      const lastHourCount = lastHour.find((r) => r.service_id === s.serviceId)?.n ?? 0;
      // Citizens already waiting are work for the coming hour too.
      const arrivalsPerHour = Math.max(forecastArrivalsPerHour({ historyPerHour, hourOfDay: hour, lastHourCount }), s.waiting);
      const advice = staffingAdvice({
        arrivalsPerHour,
        meanServiceMinutes: Number(within.find((r) => r.service_id === s.serviceId)?.mean_service_minutes) || 8,
        targetMinutes: service.targetWaitMinutes,
        serviceLevelPercent: service.serviceLevelPercent,
        openCounters: room.counters.filter((c) => c.state === 'open' && c.serviceIds.includes(s.serviceId)).length,
      });
      return [{
        serviceId: s.serviceId,
        arrivalsPerHour: Math.round(arrivalsPerHour * 10) / 10,
        countersNeeded: advice.countersNeeded,
        delta: advice.delta,
        waiting: s.waiting,
        advice: advice.advice,
        targetMinutes: service.targetWaitMinutes,
        serviceLevelPercent: service.serviceLevelPercent,
      }];
    });
  }
}
