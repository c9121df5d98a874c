import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { businessDate } from '@skranke/domain';
import { Counter, Service, Site, Ticket, siteEventHead } from '@skranke/persistence';
import { Clock } from '../clock';
import { counterView } from '../counters/counter-state.service';
import { staffTicket } from '../views/ticket-views';
import { QueueStateService } from './queue-state.service';

/** The room at a glance for floor-walkers and supervisors: includes notes and flags. */
@Injectable()
export class FloorStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queueState: QueueStateService,
    private readonly clock: Clock,
  ) {}

  async forSite(siteId: string) {
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const site = await tx.getRepository(Site).findOneByOrFail({ id: siteId });
      const date = businessDate(now, site.timezone);
      const services = await tx.getRepository(Service).find({ where: { siteId, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
      const counters = await tx.getRepository(Counter).find({ where: { siteId, active: true }, order: { name: 'ASC' } });
      const tickets = await tx.getRepository(Ticket).find({
        where: [
          { siteId, businessDate: date, status: 'waiting' },
          { siteId, businessDate: date, status: 'called' },
          { siteId, businessDate: date, status: 'in-service' },
        ],
        order: { orderedAt: 'ASC' },
      });
      const alerts = await tx.query(
        `SELECT a.ticket_id, a.service_id, a.kind, a.created_at, t.number FROM wait_alert a JOIN ticket t ON t.id = a.ticket_id
           WHERE a.site_id = $1 AND a.resolved_at IS NULL AND a.acknowledged_by_user_id IS NULL AND t.status = 'waiting'
           ORDER BY a.created_at`,
        [siteId],
      );
      const queues = await this.queueState.forServices(tx, siteId, date);
      const counterNames = new Map(counters.map((c) => [c.id, c.name]));
      const waiting = tickets.filter((t) => t.status === 'waiting');
      return {
        siteId,
        seq: (await siteEventHead(tx, siteId)) ?? 0,
        at: now.toISOString(),
        services: services.map((s) => {
          const own = waiting.filter((t) => t.serviceId === s.id);
          const queue = queues.find((q) => q.serviceId === s.id);
          return {
            serviceId: s.id,
            code: s.code,
            names: s.names,
            targetWaitMinutes: s.targetWaitMinutes,
            waiting: own.length,
            longestWaitMinutes: own.length ? Math.floor((now.getTime() - Math.min(...own.map((t) => t.issuedAt.getTime()))) / 60000) : 0,
            estimatedWait: queue?.estimatedWait ?? null,
            tickets: own.map((t) => staffTicket(t, null)),
          };
        }),
        counters: counters.map((c) => ({
          ...counterView(c),
          current: tickets
            .filter((t) => t.counterId === c.id && t.status !== 'waiting')
            .map((t) => staffTicket(t, counterNames.get(c.id) ?? null)),
        })),
        alerts: alerts.map((a: Record<string, unknown>) => ({
          ticketId: a.ticket_id,
          serviceId: a.service_id,
          kind: a.kind,
          number: a.number,
          at: new Date(a.created_at as string).toISOString(),
        })),
      };
    });
  }
}
