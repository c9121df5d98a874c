import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Temporal } from 'temporal-polyfill';
import { Actor, AuditLog, Clock } from '@skranke/core';
import {
  STAFF_FIGURES_MIN_TEAM,
  StaffFiguresNotice,
  businessDate,
  calendarDateParam,
  forbidden,
  invalid,
  nextStaffFiguresNotice,
  parseStaffFiguresInput,
  secondsToMinutes,
  staffFiguresOn,
} from '@skranke/domain';
import { Site, rowChanges } from '@skranke/persistence';

const MAX_DAYS = 366;

interface FiguresRow {
  service_id: string;
  names: { da: string; en: string; de: string };
  persons: number;
  served: number;
  handling_mean: number | null;
  handling_p90: number | null;
}

/**
 * One definition for both answers: visits of the site's days [from, to] that ended served (`stat_ticket`), by the
 * person who finished them (`ticket.served_by_user_id`: after a transfer, the last one). Handling time is call→finish;
 * visits finished within 10 s of the call (mistaken) count as served but stay out of the times, as in the volume report.
 */
const FIGURES_SQL = (byUser: boolean) => `
  SELECT s.service_id, sv.names, count(DISTINCT t.served_by_user_id)::int AS persons, count(*)::int AS served,
         avg(s.handling_seconds) FILTER (WHERE NOT s.mistaken)::float8 AS handling_mean,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY s.handling_seconds) FILTER (WHERE NOT s.mistaken) AS handling_p90
    FROM stat_ticket s JOIN ticket t ON t.id = s.ticket_id JOIN service sv ON sv.id = s.service_id
   WHERE s.site_id = $1 AND s.business_date BETWEEN $2::date AND $3::date AND s.result = 'served'
     AND ${byUser ? 't.served_by_user_id = $4' : 't.served_by_user_id IS NOT NULL'}
   GROUP BY s.service_id, sv.names`;

const byDanishName = (a: { names: { da: string } }, b: { names: { da: string } }) => a.names.da.localeCompare(b.names.da, 'da');

@Injectable()
export class StaffFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Gives (or changes) the notice; the site row is locked so a simultaneous switch-off or settings change is not lost. */
  async announce(siteId: string, body: unknown, actor: Actor) {
    const input = parseStaffFiguresInput(body);
    const view = await this.dataSource.transaction(async (tx) => {
      const site = await tx.getRepository(Site).findOneOrFail({ where: { id: siteId }, lock: { mode: 'pessimistic_write' } });
      const today = businessDate(this.clock.now(), site.timezone);
      const current = site.settings?.staffFigures;
      const next = nextStaffFiguresNotice(today, current, input);
      await tx.query(`UPDATE site SET settings = jsonb_set(settings, '{staffFigures}', $2::jsonb) WHERE id = $1`, [siteId, JSON.stringify(next)]);
      if (JSON.stringify(next) !== JSON.stringify(current)) {
        await this.audit.record(
          { action: current ? 'staff_figures.changed' : 'staff_figures.announced', actor, subject: { type: 'site', id: siteId }, siteId, details: { ...next, previous: current ?? null } },
          tx,
        );
      }
      return { on: staffFiguresOn(next, today), ...next };
    });
    rowChanges.changed('site');
    return view;
  }

  /** Switching off needs no notice and takes effect at once. */
  async switchOff(siteId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const site = await tx.getRepository(Site).findOneOrFail({ where: { id: siteId }, lock: { mode: 'pessimistic_write' } });
      const current = site.settings?.staffFigures;
      if (!current) return;
      await tx.query(`UPDATE site SET settings = settings - 'staffFigures' WHERE id = $1`, [siteId]);
      await this.audit.record({ action: 'staff_figures.switched_off', actor, subject: { type: 'site', id: siteId }, siteId, details: { previous: current } }, tx);
    });
    rowChanges.changed('site');
  }

  /** The caller's own figures; the view itself goes to the audit log. */
  async own(siteId: string, query: Record<string, unknown>, actor: Actor) {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Only a member of staff has figures of their own.');
    const { notice, from, to } = await this.period(siteId, query);
    const rows: FiguresRow[] = from <= to ? await this.dataSource.query(FIGURES_SQL(true), [siteId, from, to, actor.userId]) : [];
    await this.audit.record({
      action: 'staff_figures.viewed',
      actor,
      subject: { type: 'user', id: actor.userId },
      siteId,
      details: { from, to },
    });
    return {
      from,
      to,
      startsOn: notice.startsOn,
      purpose: notice.purpose,
      services: rows
        .map((r) => ({ serviceId: r.service_id, names: r.names, served: r.served, handlingMeanMinutes: secondsToMinutes(r.handling_mean), handlingP90Minutes: secondsToMinutes(r.handling_p90) }))
        .sort(byDanishName),
    };
  }

  /** Every service of the site; its figures only when at least five persons served it, never a person's. */
  async teams(siteId: string, query: Record<string, unknown>) {
    const { notice, from, to } = await this.period(siteId, query);
    const rows: FiguresRow[] = from <= to ? await this.dataSource.query(FIGURES_SQL(false), [siteId, from, to]) : [];
    const services: { id: string; names: FiguresRow['names'] }[] = await this.dataSource.query(
      `SELECT id, names FROM service WHERE site_id = $1 AND (active OR id = ANY($2::uuid[]))`,
      [siteId, rows.map((r) => r.service_id)],
    );
    const figures = new Map(rows.map((r) => [r.service_id, r]));
    return {
      from,
      to,
      startsOn: notice.startsOn,
      purpose: notice.purpose,
      minPersons: STAFF_FIGURES_MIN_TEAM,
      teams: services
        .map((s) => {
          const r = figures.get(s.id);
          if (!r || r.persons < STAFF_FIGURES_MIN_TEAM) return { serviceId: s.id, names: s.names, shown: false, withheldBecause: 'fewer_than_five_persons' as const };
          return {
            serviceId: s.id,
            names: s.names,
            shown: true,
            persons: r.persons,
            served: r.served,
            handlingMeanMinutes: secondsToMinutes(r.handling_mean),
            handlingP90Minutes: secondsToMinutes(r.handling_p90),
          };
        })
        .sort(byDanishName),
    };
  }

  /** The notice in force (else 403 staff_figures_off) and the asked days, never before its start. */
  private async period(siteId: string, query: Record<string, unknown>): Promise<{ notice: StaffFiguresNotice; from: string; to: string }> {
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const notice = site.settings?.staffFigures;
    const today = businessDate(this.clock.now(), site.timezone);
    if (!notice || !staffFiguresOn(notice, today)) {
      throw forbidden('staff_figures_off', notice ? `Per-person figures start on ${notice.startsOn}.` : 'This site does not use per-person figures.', {
        startsOn: notice?.startsOn ?? null,
      });
    }
    // Off answers first, whatever was asked.
    const asked = { from: calendarDateParam(query.from, 'from'), to: calendarDateParam(query.to, 'to') };
    const days = Temporal.PlainDate.from(asked.from).until(Temporal.PlainDate.from(asked.to)).days;
    if (days < 0) throw invalid('invalid_period', 'from must not be after to.');
    if (days >= MAX_DAYS) throw invalid('period_too_long', `At most ${MAX_DAYS} days at a time.`, { max: MAX_DAYS });
    return { notice, from: asked.from < notice.startsOn ? notice.startsOn : asked.from, to: asked.to };
  }
}
