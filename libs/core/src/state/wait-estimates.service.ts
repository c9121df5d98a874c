import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WaitEstimate, WaitSnapshot, asSummary, estimateNewTicket, estimateWaits, lognormalMean, simpleEstimate } from '@skranke/domain';
import { Clock } from '../clock';
import type { EventSink, SiteEvent } from '../events/site-event';
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

interface Cached {
  /** When the computation of `value` began: changes after it are not in it. */
  at: number;
  value: Promise<SiteEstimates>;
  /** When a change at the site last committed (0: none since the process began). */
  changedAt: number;
  /** A background refresh of this entry is running. */
  refreshing?: boolean;
}

/**
 * Wait estimates per site from the schedule estimator (libs/domain/src/wait).
 * Computing the whole room costs milliseconds (17 ms for 200 waiting), so it is
 * not done inside every change: readers get the cached room, at most two seconds
 * old, recomputed in the background while the previous answer is served
 * (stale-while-revalidate). This is also one of the event sinks, so it knows
 * when a change made the room differ from the cached one: a reader that decides
 * with the estimate before a citizen draws a ticket (the kiosk's start screen:
 * "you will not be reached before closing") asks for `current`, which then
 * computes the room with that change in it.
 */
@Injectable()
export class WaitEstimatesService implements EventSink {
  private readonly logger = new Logger('WaitEstimates');
  private readonly cache = new Map<string, Cached>();

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
    if (!hit) return this.start(siteId, 0, db);
    if (Date.now() - hit.at >= FRESH_MS && !hit.refreshing) this.refresh(siteId, hit);
    return hit.value;
  }

  /** The room as it is now: computed again (once, for all who ask meanwhile) when a change committed since the cached one began. */
  current(siteId: string): Promise<SiteEstimates> {
    const hit = this.cache.get(siteId);
    if (!hit || hit.changedAt < hit.at) return this.forSite(siteId);
    return this.start(siteId, hit.changedAt);
  }

  /** Committed events: the room differs from the cached one. */
  async handle(events: SiteEvent[]): Promise<void> {
    const now = Date.now();
    for (const siteId of new Set(events.map((e) => e.siteId))) {
      const hit = this.cache.get(siteId);
      if (hit) hit.changedAt = now;
    }
  }

  /** Computes the room again in the background; `hit` is served until it is done. */
  private refresh(siteId: string, hit: Cached): void {
    hit.refreshing = true;
    const started = Date.now();
    const value = this.compute(siteId);
    value.then(
      // Unless `current` replaced the entry meanwhile with a newer room.
      () => this.cache.get(siteId) === hit && this.cache.set(siteId, { at: started, value, changedAt: hit.changedAt }),
      (e) => {
        hit.refreshing = false;
        this.logger.warn(`estimate refresh failed: ${e}`);
      },
    );
  }

  private start(siteId: string, changedAt: number, db?: EntityManager): Promise<SiteEstimates> {
    const value = this.compute(siteId, db);
    this.cache.set(siteId, { at: Date.now(), value, changedAt });
    value.catch(() => this.cache.get(siteId)?.value === value && this.cache.delete(siteId));
    return value;
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
