import { EntityManager } from 'typeorm';
import { WaitEstimate, callOrder } from '@skranke/domain';
import { Service, Site, Ticket } from '@skranke/persistence';
import { QueueStateService } from './queue-state.service';

/**
 * A waiting ticket's place in its service's line (1 = next) and its share of
 * the service's estimated wait.
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
  const [queue] = await queueState.forServices(tx, site.id, ticket.businessDate, [ticket.serviceId]);
  const perPlace = queue?.waiting ? queue.estimatedWait.minutes / queue.waiting : 0;
  const minutes = Math.round(perPlace * (position - 1));
  const spread = queue ? (queue.estimatedWait.high - queue.estimatedWait.low) / 2 : 0;
  const share = queue?.waiting ? Math.sqrt(position / queue.waiting) : 1;
  return {
    position,
    estimate: { minutes, low: Math.max(0, Math.floor(minutes - spread * share)), high: Math.ceil(minutes + spread * share) },
  };
}
