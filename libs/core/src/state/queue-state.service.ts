import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WaitEstimate, simpleEstimate } from '@skranke/domain';
import { Counter, Service } from '@skranke/persistence';
import { ServiceDurations } from './service-durations';

export interface ServiceQueueState {
  serviceId: string;
  waiting: number;
  estimatedWait: WaitEstimate;
}

/** Before any ticket of a service is finished we assume it takes half its target. */
const defaultMinutes = (s: Service) => Math.max(2, Math.round(s.targetWaitMinutes / 2));

/** Waiting counts and estimates per service: what displays, kiosks and the public widget show. */
@Injectable()
export class QueueStateService {
  constructor(private readonly durations: ServiceDurations) {}

  async forServices(tx: EntityManager, siteId: string, businessDate: string, serviceIds?: string[]): Promise<ServiceQueueState[]> {
    // One connection per transaction: queries run one after another.
    const services = await tx.getRepository(Service).find({ where: { siteId, active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
    const counters = await tx.getRepository(Counter).find({ where: { siteId, state: 'open', active: true } });
    const counts: { service_id: string; n: number }[] = await tx.query(
      `SELECT service_id, count(*)::int AS n FROM ticket WHERE site_id = $1 AND business_date = $2 AND status = 'waiting' GROUP BY service_id`,
      [siteId, businessDate],
    );
    const minutes = await this.durations.forSite(siteId);
    const waiting = new Map(counts.map((r) => [r.service_id, r.n]));
    return services
      .filter((s) => !serviceIds || serviceIds.includes(s.id))
      .map((s) => {
        const n = waiting.get(s.id) ?? 0;
        return {
          serviceId: s.id,
          waiting: n,
          estimatedWait: simpleEstimate({
            ahead: n,
            meanServiceMinutes: minutes.get(s.id) ?? defaultMinutes(s),
            openCounters: counters.filter((c) => c.serviceIds.includes(s.id)).reduce((sum, c) => sum + c.seats, 0),
          }),
        };
      });
  }
}
