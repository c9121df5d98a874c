import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { DisplayCall, RECENT_CALLS_KEPT, businessDate, displayCallOf, zonedInstant } from '@skranke/domain';
import { Site, TicketEvent, siteEventHead } from '@skranke/persistence';
import { Clock } from '../clock';
import { QueueStateService, ServiceQueueState } from './queue-state.service';
import { SiteEvent } from '../events/site-event';
import { DISPLAY_STATE, allowOnly, publicPayload } from '../views/public-views';

/** A client further behind than this gets a snapshot instead of a replay. */
export const MAX_REPLAY = 500;

export type RecentCall = DisplayCall;

export interface DisplayState {
  siteId: string;
  seq: number;
  at: string;
  recentCalls: RecentCall[];
  services: ServiceQueueState[];
}

/** An event as `sync` replays it to a display: the envelope and the public payload. */
export type PublicSiteEvent = Pick<SiteEvent, 'type' | 'seq' | 'siteId' | 'at' | 'payload'>;

/** Who is syncing: a socket on a staff channel gets the log as written, any other the public payloads. */
export type SyncAudience = 'staff' | 'public';

export type SyncAnswer =
  | { siteId: string; kind: 'events'; events: SiteEvent[] | PublicSiteEvent[] }
  | { siteId: string; kind: 'snapshot'; state: DisplayState };

const toPublicEvent = (e: TicketEvent): PublicSiteEvent => ({
  type: e.type,
  seq: e.seq,
  siteId: e.siteId,
  at: e.at.toISOString(),
  payload: publicPayload(e.type, e.payload),
});

const toSiteEvent = (e: TicketEvent): SiteEvent => ({
  type: e.type,
  seq: e.seq,
  siteId: e.siteId,
  at: e.at.toISOString(),
  ticketId: e.ticketId,
  counterId: e.counterId,
  payload: e.payload,
});

/** The waiting-room display's state, consistent with one `seq`, and the replay behind `sync`. */
@Injectable()
export class DisplayStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queueState: QueueStateService,
    private readonly clock: Clock,
  ) {}

  async snapshot(siteId: string): Promise<DisplayState> {
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const site = await tx.getRepository(Site).findOneByOrFail({ id: siteId });
      const date = businessDate(now, site.timezone);
      const dayStart = zonedInstant(date, 0, site.timezone);
      const calls = await tx.query(
        `SELECT seq, type, at, payload FROM ticket_event
         WHERE site_id = $1 AND type IN ('ticket.called', 'ticket.recalled') AND at >= $2
         ORDER BY seq DESC LIMIT ${RECENT_CALLS_KEPT}`,
        [siteId, dayStart],
      );
      return allowOnly<DisplayState>(DISPLAY_STATE, {
        siteId,
        seq: (await siteEventHead(tx, siteId)) ?? 0,
        at: now.toISOString(),
        recentCalls: calls.map((c: { seq: number; type: string; at: Date; payload: Record<string, unknown> }) =>
          displayCallOf({ ...c.payload, seq: c.seq, type: c.type, at: new Date(c.at).toISOString() }),
        ),
        services: await this.queueState.forServices(tx, siteId, date),
      });
    });
  }

  async sync(siteId: string, sinceSeq: number, audience: SyncAudience): Promise<SyncAnswer> {
    const current = (await siteEventHead(this.dataSource, siteId)) ?? 0;
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0 || sinceSeq > current || current - sinceSeq > MAX_REPLAY) {
      return { siteId, kind: 'snapshot', state: await this.snapshot(siteId) };
    }
    const events = await this.dataSource.getRepository(TicketEvent).find({
      where: { siteId, seq: MoreThan(sinceSeq) },
      order: { seq: 'ASC' },
      take: MAX_REPLAY,
    });
    return { siteId, kind: 'events', events: audience === 'staff' ? events.map(toSiteEvent) : events.map(toPublicEvent) };
  }
}
