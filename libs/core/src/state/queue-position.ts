import { EntityManager } from 'typeorm';
import { WaitEstimate, callOrder } from '@skranke/domain';
import { Service, Site, Ticket } from '@skranke/persistence';
import { QueueStateService } from './queue-state.service';

/**
 * A waiting ticket's place in its service's line (1 = next) and its estimated
 * wait; a ticket newer than the estimator's last pass gets the new-ticket
 * estimate of its service, which is what it would have been shown.
 */
export async function queuePosition(
  tx: EntityManager,
  queueState: QueueStateService,
  site: Site,
  ticket: Ticket,
  now: Date,
): Promise<{ position: number; estimate: WaitEstimate }> {
  const waiting = await tx.getRepository(Ticket).find({
    where: { siteId: site.id, businessDate: ticket.businessDate, serviceId: ticket.serviceId, status: 'waiting' },
    select: { id: true, serviceId: true, orderedAt: true, priority: true, appointmentAt: true },
  });
  const service = await tx.getRepository(Service).findOneByOrFail({ id: ticket.serviceId });
  const order = callOrder(waiting, {
    serviceIds: [ticket.serviceId],
    targetWaitMinutes: new Map([[service.id, service.targetWaitMinutes]]),
    settings: site.ordering,
    now,
  });
  const position = Math.max(1, order.findIndex((t) => t.id === ticket.id) + 1);
  const { perTicket, newTicket } = await queueState.estimates.forSite(site.id, tx);
  const estimate = perTicket.get(ticket.id) ?? newTicket.get(ticket.serviceId) ?? { minutes: 0, low: 0, high: 0 };
  return { position, estimate };
}
