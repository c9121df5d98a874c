import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, businessDate, closingTime } from '@skranke/domain';
import { Clock, EVENT_SINKS, EventSink, QueueStateService, SiteChange, publicTicket, rollUpDays, runSiteChange } from '@skranke/core';
import { Site, Ticket } from '@skranke/persistence';

/**
 * At a site's closing time, waiting tickets expire with a reason and free
 * counters close. Numbering needs no reset: it is keyed by business date.
 * Runs at most once per (site, business date); a missed closing (app down) is
 * caught up on the next run.
 */
@Injectable()
export class DayCloseService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  /** The business date each site's past week was last rolled up on (statistics), so it is done once a day per process. */
  private readonly rolledUp = new Map<string, string>();

  async closeDueDays(): Promise<{ siteId: string; businessDate: string; expired: number }[]> {
    const now = this.clock.now();
    const closed = [];
    for (const site of await this.dataSource.getRepository(Site).find()) {
      const today = businessDate(now, site.timezone);
      const closesAt = closingTime(site.openingHours, site.timezone, today);
      const stale: { d: string }[] = await this.dataSource.query(
        `SELECT DISTINCT business_date::text AS d FROM ticket WHERE site_id = $1 AND status = 'waiting' AND business_date < $2`,
        [site.id, today],
      );
      const due = stale.map((s) => s.d);
      if (closesAt && now >= closesAt) due.push(today);
      for (const date of due) {
        const expired = await this.closeDay(site, date, today);
        if (expired !== null) closed.push({ siteId: site.id, businessDate: date, expired });
      }
      await this.rollUpPastWeek(site, today, now);
    }
    return closed;
  }

  /** Statistics of the week before today, made final once its days are over (the reports then only read them). */
  private async rollUpPastWeek(site: Site, today: string, now: Date): Promise<void> {
    if (this.rolledUp.get(site.id) === today) return;
    await rollUpDays(this.dataSource, [site], addDays(today, -7), addDays(today, -1), now);
    this.rolledUp.set(site.id, today);
  }

  private closeDay(site: Site, date: string, today: string): Promise<number | null> {
    const actor = { kind: 'system', reason: 'day-close' } as const;
    return runSiteChange(this.dataSource, this.sinks, site.id, actor, this.clock.now(), async (tx, change) => {
      const first = await tx.query(
        `INSERT INTO day_close (site_id, business_date, expired_tickets) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING site_id`,
        [site.id, date],
      );
      const expired: Ticket[] = await this.expireWaiting(tx, site.id, date, change);
      if (!first.length && !expired.length) return null;
      await tx.query('UPDATE day_close SET expired_tickets = expired_tickets + $3 WHERE site_id = $1 AND business_date = $2', [site.id, date, expired.length]);
      if (date === today) await this.closeFreeCounters(tx, site.id, change);
      if (expired.length) {
        change.add({ type: 'queue.changed', ticketId: null, counterId: null, payload: { services: await this.queueState.forServices(tx, site.id, today) } });
      }
      return expired.length;
    });
  }

  private async expireWaiting(tx: EntityManager, siteId: string, date: string, change: SiteChange): Promise<Ticket[]> {
    const ids: { id: string }[] = (
      await tx.query(
        `UPDATE ticket SET status = 'expired', ended_at = $3, end_reason = 'day-closed'
         WHERE site_id = $1 AND business_date <= $2 AND status = 'waiting' RETURNING id`,
        [siteId, date, change.now],
      )
    )[0];
    const tickets = ids.length ? await tx.getRepository(Ticket).findBy(ids.map((r) => ({ id: r.id }))) : [];
    for (const t of tickets) {
      change.add({ type: 'ticket.expired', ticketId: t.id, counterId: null, payload: { ...publicTicket(t, null), reason: 'day-closed' } });
    }
    return tickets;
  }

  private async closeFreeCounters(tx: EntityManager, siteId: string, change: SiteChange) {
    const [rows] = await tx.query(
      `UPDATE counter c SET state = 'closed', staff_user_id = NULL, pause_reason = NULL, state_changed_at = $2
       WHERE c.site_id = $1 AND c.state <> 'closed'
         AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.counter_id = c.id AND t.status IN ('called', 'in-service'))
       RETURNING c.id, c.name, c.kind`,
      [siteId, change.now],
    );
    for (const c of rows as { id: string; name: string; kind: string }[]) {
      change.add({ type: 'counter.changed', ticketId: null, counterId: c.id, payload: { counterId: c.id, name: c.name, state: 'closed', kind: c.kind } });
    }
  }
}
