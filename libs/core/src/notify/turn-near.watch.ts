import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { turnNearBuffer, turnNearOffered } from '@skranke/domain';
import { Clock } from '../clock';
import { WaitEstimatesService } from '../state/wait-estimates.service';
import { TurnNearService } from './turn-near.service';

/**
 * Estimates are refreshed when something changes or someone looks; a citizen's
 * wait also shrinks while nothing happens and nobody looks (the phone is in a
 * pocket: the point of asking). So workers (RUN_WORKERS) refresh, every
 * TURN_NEAR_SWEEP_SECONDS, the sites where someone asked and was not told yet;
 * each refresh evaluates "turn near" (TurnNearService). Several workers may
 * sweep at once: the latch in the statement makes it one message.
 */
@Injectable()
export class TurnNearWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TurnNear');
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly estimates: WaitEstimatesService,
    private readonly turnNear: TurnNearService,
    private readonly clock: Clock,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  onApplicationBootstrap() {
    const seconds = this.config.citizenNotify.turnNearSweepSeconds;
    if (!this.config.runWorkers || seconds === 0) return;
    this.timer = setInterval(() => void this.sweep(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** Refreshes the estimates of every site with a citizen waiting to be told (the refresh evaluates). */
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const sites: { site_id: string }[] = await this.dataSource.query(
        `SELECT DISTINCT site_id FROM ticket WHERE status = 'waiting' AND notify_contact IS NOT NULL AND turn_near_at IS NULL`,
      );
      for (const { site_id } of sites) await this.evaluateNow(site_id);
    } catch (e) {
      this.logger.warn(`turn-near sweep failed: ${e}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * Whether "tell me when it's near" is still offered to this waiting ticket: its low end (the one evaluate uses)
   * at or above the site's buffer plus margin, or unknown. Below it a message could not come in time.
   */
  async offered(siteId: string, ticketId: string, siteSettings: unknown, db?: EntityManager): Promise<boolean> {
    const { lowEnds } = await this.estimates.current(siteId, db);
    return turnNearOffered(lowEnds.get(ticketId), turnNearBuffer(siteSettings));
  }

  /** The site's room as it is now, evaluated at once (a citizen just asked: if the turn is near already, say so now). */
  async evaluateNow(siteId: string): Promise<string[]> {
    const { lowEnds } = await this.estimates.current(siteId);
    return this.turnNear.evaluate(siteId, lowEnds, this.clock.now());
  }
}
