import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ServiceWait } from '@skranke/domain';
import { Service } from '@skranke/persistence';
import { PendingEvent } from '../events/site-event';
import { waitingCounts } from '../tickets/ticket-rows';
import { WaitEstimatesService } from './wait-estimates.service';

/** Waiting count and what a citizen drawing a ticket for the service now would be told. */
export type ServiceQueueState = ServiceWait;

/**
 * Waiting counts (exact, read in the caller's transaction) and estimates
 * (from the estimator's cache, at most a couple of seconds old) per service:
 * what displays, kiosks and the public widget show.
 */
@Injectable()
export class QueueStateService {
  constructor(readonly estimates: WaitEstimatesService) {}

  /**
   * What the pages show (kiosk, display, widget, floor, dashboard): the estimates count every change made so far
   * (WaitEstimatesService.current), so every page asking at one moment shows the same figures (issue 18).
   */
  async forServices(tx: EntityManager, siteId: string, businessDate: string, serviceIds?: string[]): Promise<ServiceQueueState[]> {
    const services = await tx.getRepository(Service).find({ where: { siteId, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const waiting = await waitingCounts(tx, siteId, businessDate);
    const { newTicket } = await this.estimates.current(siteId, tx);
    return services
      .filter((s) => !serviceIds || serviceIds.includes(s.id))
      .map((s) => ({
        serviceId: s.id,
        waiting: waiting.get(s.id) ?? 0,
        estimatedWait: newTicket.get(s.id) ?? null,
      }));
  }

  /**
   * The `queue.changed` event of a change to these services. Its waiting counts
   * are filled in under the site lock when the events are appended
   * (site-transaction.ts), where they are exact; reading them here as well would be wasted work.
   */
  async changedEvent(tx: EntityManager, siteId: string, serviceIds: readonly string[]): Promise<PendingEvent> {
    const { newTicket } = await this.estimates.forSite(siteId, tx);
    const services = [...new Set(serviceIds)]
      .filter((id) => newTicket.has(id))
      .map((serviceId) => ({ serviceId, waiting: 0, estimatedWait: newTicket.get(serviceId) ?? null }));
    return { type: 'queue.changed', ticketId: null, counterId: null, payload: { services } };
  }

  /** The site's new-ticket estimates ({serviceId: estimate}), for a change function to put in its `queue.changed`. */
  async estimatesJson(siteId: string): Promise<Record<string, unknown>> {
    return Object.fromEntries((await this.estimates.forSite(siteId)).newTicket);
  }
}
