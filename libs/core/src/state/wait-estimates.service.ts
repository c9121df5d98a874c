import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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
/** After a change, the room is computed again after at most this many times the last computation's cost. */
const COST_SPACING = 20;

interface Cached {
  /** When the value (or the refresh now running) was started. */
  at: number;
  value: Promise<SiteEstimates>;
  /** How long the last computation took, in ms. */
  costMs: number;
}

/**
 * Wait estimates per site from the schedule estimator (libs/domain/src/wait).
 * Computing the whole room costs milliseconds, so it is not done inside every
 * change: readers get the cached room (stale-while-revalidate, at most two
 * seconds old), and a committed change (this is one of the event sinks) has the
 * room computed again in the background soon after, so a kiosk a moment later
 * shows a wait that counts the tickets just issued. "Soon" is spaced by the cost
 * of a computation: immediate for a small room, about every two seconds for a
 * room of thousands under a burst, so estimates never take the event loop from
 * the changes themselves.
 */
@Injectable()
export class WaitEstimatesService implements EventSink, OnModuleDestroy {
  private readonly logger = new Logger('WaitEstimates');
  private readonly cache = new Map<string, Cached>();
  private readonly refreshing = new Map<string, { again: boolean }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

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
    if (hit) {
      this.refresh(siteId);
      return hit.value;
    }
    const started = Date.now();
    const value = this.compute(siteId, db);
    const entry: Cached = { at: started, value, costMs: 0 };
    this.cache.set(siteId, entry);
    value.then(
      () => (entry.costMs = Date.now() - started),
      () => this.cache.delete(siteId),
    );
    return value;
  }

  /** Committed events: the site's room changed, so compute it again soon. */
  async handle(events: SiteEvent[]): Promise<void> {
    for (const siteId of new Set(events.map((e) => e.siteId))) this.soon(siteId);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private soon(siteId: string): void {
    const hit = this.cache.get(siteId);
    if (!hit || this.timers.has(siteId)) return;
    const delay = Math.max(0, hit.at + COST_SPACING * hit.costMs - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(siteId);
      this.refresh(siteId);
    }, delay);
    timer.unref();
    this.timers.set(siteId, timer);
  }

  /** Computes the room again in the background (one at a time per site); the cache keeps serving meanwhile. */
  private refresh(siteId: string): void {
    const running = this.refreshing.get(siteId);
    if (running) {
      running.again = true;
      return;
    }
    const hit = this.cache.get(siteId);
    if (!hit) return;
    const state = { again: false };
    this.refreshing.set(siteId, state);
    const started = Date.now();
    hit.at = started;
    const value = this.compute(siteId);
    value.then(
      () => this.cache.set(siteId, { at: started, value, costMs: Date.now() - started }),
      (e) => this.logger.warn(`estimate refresh failed: ${e}`),
    ).finally(() => {
      this.refreshing.delete(siteId);
      if (state.again) this.soon(siteId);
    });
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
