import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, EstimateAccuracyService, type ServiceAccuracy } from '@skranke/core';
import { businessDate } from '@skranke/domain';
import { Service, Site } from '@skranke/persistence';
import { FloorViewService } from '../alerts/floor-view.service';
import * as SQL from './dashboard-figures.sql';

type Row = Record<string, any>;

/** The site-wide line: sums, the longest wait anywhere, shares over every call and every scored estimate (not means of means). */
function siteTotals(within: Row[], accuracy: ServiceAccuracy[], room: { services: { waiting: number; longestWaitMinutes: number }[]; counters: { state: string }[] }) {
  const called = within.reduce((n, r) => n + r.called, 0);
  const inTarget = within.reduce((n, r) => n + r.within, 0);
  const scored = accuracy.filter((a) => a.scored > 0 && a.meanAbsoluteErrorMinutes !== null);
  const weight = scored.reduce((n, a) => n + a.scored, 0);
  const weighted = (f: (a: ServiceAccuracy) => number | null, digits: number) => {
    const within = scored.filter((a) => f(a) !== null);
    const w = within.reduce((n, a) => n + a.scored, 0);
    return w ? Math.round((10 ** digits * within.reduce((n, a) => n + f(a)! * a.scored, 0)) / w) / 10 ** digits : null;
  };
  return {
    waiting: room.services.reduce((n, s) => n + s.waiting, 0),
    longestWaitMinutes: Math.max(0, ...room.services.map((s) => s.longestWaitMinutes)),
    calledToday: called,
    withinTargetPercent: called ? Math.round((100 * inTarget) / called) : null,
    openCounters: room.counters.filter((c) => c.state === 'open').length,
    estimateAccuracy: { scored: weight, meanAbsoluteErrorMinutes: weighted((a) => a.meanAbsoluteErrorMinutes, 1), withinRangeShare: weighted((a) => a.withinRangeShare, 3) },
  };
}

const tally = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.key ?? 'none', r.n]));

/** The supervisor's view: the room now (from floor-state), today's figures (SQL aggregates), staffing advice. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly floorView: FloorViewService,
    private readonly clock: Clock,
    private readonly accuracy: EstimateAccuracyService,
  ) {}

  async forSite(siteId: string) {
    const room = await this.floorView.forSite(siteId);
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const now = this.clock.now();
    const date = businessDate(now, site.timezone);
    const q = (sql: string, extra: unknown[] = []) => this.dataSource.query(sql, [siteId, date, ...extra]);
    const [[totals], outcomes, referrals, ticketOutcomes, helpModes, within, perHour] = await Promise.all([
      q(SQL.TICKET_TOTALS),
      q(SQL.ENCOUNTER_OUTCOMES),
      q(SQL.REFERRALS),
      q(SQL.TICKET_OUTCOMES),
      q(SQL.HELP_MODES),
      q(SQL.WITHIN_TARGET),
      q(SQL.PER_HOUR, [site.timezone]),
    ]);
    const services = await this.dataSource.getRepository(Service).find({ where: { siteId, active: true } });
    const staffIds = room.counters.map((c) => c.staffUserId).filter((id): id is string => !!id);
    const staff: Row[] = staffIds.length ? await this.dataSource.query(SQL.STAFF_NAMES, [staffIds]) : [];
    const encounterTally = tally(outcomes);
    const accuracy = await this.accuracy.today(siteId);
    const servicesNow = room.services.map(({ tickets: _tickets, ...s }) => {
      const service = services.find((x) => x.id === s.serviceId)!;
      const w: Row | undefined = within.find((r: Row) => r.service_id === s.serviceId);
      const open = room.counters.filter((c) => c.state === 'open' && c.serviceIds.includes(s.serviceId)).length;
      return {
        ...s,
        tickets: [],
        serviceLevelPercent: service.serviceLevelPercent,
        calledToday: w?.called ?? 0,
        withinTargetPercent: w?.called ? Math.round((100 * w.within) / w.called) : null,
        openCounters: open,
        estimateAccuracy: accuracy.find((a) => a.serviceId === s.serviceId) ?? null,
      };
    });
    return {
      siteId,
      site: room.site,
      businessDate: date,
      at: room.at,
      alerts: room.alerts,
      services: servicesNow,
      totals: siteTotals(within, accuracy, room),
      counters: room.counters.map((c) => ({
        ...c,
        staffName: staff.find((s) => s.id === c.staffUserId)?.display_name ?? null,
        currentSeconds: c.current.length ? Math.floor((now.getTime() - Date.parse((c.current[0] as Row).calledAt)) / 1000) : null,
      })),
      today: {
        ticketsIssued: totals.issued,
        served: totals.served,
        noShow: totals.no_show,
        cancelled: totals.cancelled,
        expired: totals.expired,
        encounters: encounterTally,
        resolvedOnSpot: encounterTally['resolved-on-spot'] ?? 0,
        selfService: encounterTally['self-service'] ?? 0,
        referrals: referrals.map((r: Row) => ({ target: r.key, count: r.n })),
        outcomes: tally(ticketOutcomes),
        helpModes: tally(helpModes),
      },
      perHour: perHour.filter((h: Row) => h.tickets || h.encounters || h.served),
    };
  }
}
