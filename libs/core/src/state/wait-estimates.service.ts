import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WaitEstimate, WaitSnapshot, asSummary, estimateNewTicket, estimateWaits, lognormalMean, simpleEstimate } from '@skranke/domain';
import { Clock } from '../clock';
import { ServiceDurations } from './service-durations';
import { loadWaitSnapshot } from './wait-snapshot.loader';

export interface SiteEstimates {
  /** Each waiting ticket's wait from now. */
  perTicket: Map<string, WaitEstimate>;
  /** What a new walk-in ticket per service would be shown. */
  newTicket: Map<string, WaitEstimate>;
}

/** Served as is for this long; after that served once more while a fresh one is computed. */
const FRESH_MS = 2_000;

/**
 * Wait estimates per site from the schedule estimator (libs/domain/src/wait).
 * Computing the whole room costs milliseconds, so it is not done inside every
 * call-next; it is recomputed at most every two seconds, in the background
 * while the previous answer is served (stale-while-revalidate).
 */
@Injectable()
export class WaitEstimatesService {
  private readonly logger = new Logger('WaitEstimates');
  private cache = new Map<string, { at: number; value: Promise<SiteEstimates> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly durations: ServiceDurations,
    private readonly clock: Clock,
  ) {}

  /** Whether the site has estimates cached (fresh or not): then `forSite` answers without computing. */
  isWarm(siteId: string): boolean {
    return this.cache.has(siteId);
  }

  /**
   * `db` is the caller's transaction, if any: a cold cache is filled through it.
   * Filling it through a second pooled connection deadlocks once every pooled
   * connection is a transaction waiting for this (or for a lock one of them holds).
   */
  forSite(siteId: string, db?: EntityManager): Promise<SiteEstimates> {
    const hit = this.cache.get(siteId);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
    const value = this.compute(siteId, hit ? undefined : db);
    if (!hit) {
      this.cache.set(siteId, { at: Date.now(), value });
      value.catch(() => this.cache.delete(siteId));
      return value;
    }
    value.then(
      () => this.cache.set(siteId, { at: Date.now(), value }),
      (e) => this.logger.warn(`estimate refresh failed: ${e}`),
    );
    hit.at = Date.now();
    return hit.value;
  }

  private async compute(siteId: string, db: EntityManager = this.dataSource.manager): Promise<SiteEstimates> {
    const now = this.clock.now();
    const snapshot = await loadWaitSnapshot(db, siteId, now, await this.durations.forSite(siteId, db));
    const perTicket = new Map<string, WaitEstimate>();
    for (const [id, e] of estimateWaits(snapshot)) perTicket.set(id, e);
    const newTicket = new Map<string, WaitEstimate>();
    for (const serviceId of snapshot.targetWaitMinutes.keys()) newTicket.set(serviceId, estimateNewTicket(snapshot, serviceId));
    withoutOpenCounter(snapshot, perTicket, newTicket);
    return { perTicket: roundAll(perTicket), newTicket: roundAll(newTicket) };
  }
}

/**
 * A service no open counter serves has no finite estimate. Rather than show
 * infinity, assume one counter for it opens now: the naive estimate, which is
 * what a citizen arriving before opening would reasonably be told.
 */
function withoutOpenCounter(snapshot: WaitSnapshot, perTicket: Map<string, WaitEstimate>, newTicket: Map<string, WaitEstimate>): void {
  for (const [serviceId, estimate] of newTicket) {
    if (Number.isFinite(estimate.high)) continue;
    const mean = lognormalMean(asSummary(snapshot.services.get(serviceId)?.durations));
    const queue = snapshot.waiting.filter((t) => t.serviceId === serviceId).sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
    queue.forEach((t, ahead) => perTicket.set(t.id, simpleEstimate({ ahead, meanServiceMinutes: mean, openCounters: 1 })));
    newTicket.set(serviceId, simpleEstimate({ ahead: queue.length, meanServiceMinutes: mean, openCounters: 1 }));
  }
}

/** Whole minutes for people: the point rounded, the range widened outwards. */
function roundAll(estimates: Map<string, WaitEstimate>): Map<string, WaitEstimate> {
  for (const [id, e] of estimates) estimates.set(id, { minutes: Math.round(e.minutes), low: Math.floor(e.low), high: Math.ceil(e.high) });
  return estimates;
}
