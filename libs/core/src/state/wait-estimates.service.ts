import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WaitEstimate, estimateRoom } from '@skranke/domain';
import { siteEventHead } from '@skranke/persistence';
import { Clock } from '../clock';
import type { EventSink, SiteEvent } from '../events/site-event';
import { TurnNearService } from '../notify/turn-near.service';
import { WalkInForecast } from '../appointments/walk-in-forecast';
import { ServiceDurations } from './service-durations';
import { ServiceMeasures } from './service-measures';
import { cachedSite } from './cached-rows';
import { loadRangeCalibration } from './range-calibration.loader';
import { loadWaitSnapshot } from './wait-snapshot.loader';

export interface SiteEstimates {
  /** Each waiting ticket's wait from now; null: no open counter serves its service. */
  perTicket: Map<string, WaitEstimate | null>;
  /** What a new walk-in ticket per service would be shown; null as above. */
  newTicket: Map<string, WaitEstimate | null>;
  /** Services no open counter serves: a new ticket's wait if one opened now (for the kiosk's closing warning only). */
  ifOneOpens: Map<string, WaitEstimate>;
  /** Each waiting ticket's low end for "turn near" (RoomEstimates.lowEnds). */
  lowEnds: Map<string, number>;
  /** The site's event head when the room was read: every change up to it is in these estimates. */
  seq: number;
}

/** Served as is for this long; after that served once more while a fresh one is computed. */
const FRESH_MS = 2_000;

interface Cached {
  /** When the computation of `value` began: changes after it are not in it. */
  at: number;
  value: Promise<SiteEstimates>;
  /** When a change at the site last committed (0: none since the process began). */
  changedAt: number;
  /** The site's event head the room was read at, or a lower bound of it while `value` is pending (-1: not known). */
  seq: number;
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
    private readonly measures: ServiceMeasures,
    private readonly walkIns: WalkInForecast,
    private readonly clock: Clock,
    private readonly turnNear: TurnNearService,
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

  /**
   * The room as it is now: computed again (once, for all who ask meanwhile) when a change committed since the
   * cached one began. What every page reads, so pages asking at one moment agree. `db` as in `forSite`.
   */
  async current(siteId: string, db?: EntityManager): Promise<SiteEstimates> {
    // The site's event head tells of changes made by any app instance, not only this one (each has its own cache).
    const head = (await siteEventHead(db ?? this.dataSource.manager, siteId)) ?? 0;
    const hit = this.cache.get(siteId);
    if (hit && hit.seq >= head && hit.changedAt < hit.at) return this.forSite(siteId, db);
    return this.start(siteId, hit?.changedAt ?? 0, db, head);
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
      (v) => this.cache.get(siteId) === hit && this.cache.set(siteId, { at: started, value, changedAt: hit.changedAt, seq: v.seq }),
      (e) => {
        hit.refreshing = false;
        this.logger.warn(`estimate refresh failed: ${e}`);
      },
    );
  }

  /** `seq`: the event head the caller saw before asking (the computation reads it again, so it sees at least that). */
  private start(siteId: string, changedAt: number, db?: EntityManager, seq = -1): Promise<SiteEstimates> {
    const value = this.compute(siteId, db);
    const entry: Cached = { at: Date.now(), value, changedAt, seq };
    this.cache.set(siteId, entry);
    value.then(
      (v) => (entry.seq = Math.max(entry.seq, v.seq)),
      () => this.cache.get(siteId)?.value === value && this.cache.delete(siteId),
    );
    return value;
  }

  /**
   * The room's estimates as every page shows them (estimateRoom: no estimate without an open counter, next-in-line cap).
   * Every refresh also decides "turn near" for the citizens who asked (in the background, on a connection of its own).
   */
  private async compute(siteId: string, db: EntityManager = this.dataSource.manager): Promise<SiteEstimates> {
    const now = this.clock.now();
    const seq = (await siteEventHead(db, siteId)) ?? 0;
    const site = await cachedSite(db, siteId);
    const history = {
      durations: await this.durations.forSite(siteId, db),
      pastMeasures: (date: string, dayStart: Date) => this.measures.pastDays(siteId, date, dayStart, db),
      walkIns: await this.walkIns.forSite(siteId, site?.timezone ?? 'Europe/Copenhagen', db),
    };
    const room = { ...estimateRoom(await loadWaitSnapshot(db, siteId, now, history), await loadRangeCalibration(db, siteId, now)), seq };
    void this.turnNear.evaluate(siteId, room.lowEnds, now);
    return room;
  }
}
