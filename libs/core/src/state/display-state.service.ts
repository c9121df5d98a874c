import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { businessDate, zonedInstant } from '@skranke/domain';
import { Site, TicketEvent } from '@skranke/persistence';
import { Clock } from '../clock';
import { QueueStateService, ServiceQueueState } from './queue-state.service';
import { SiteEvent } from '../events/site-event';

export const RECENT_CALLS = 10;
/** A client further behind than this gets a snapshot instead of a replay. */
export const MAX_REPLAY = 500;

export interface RecentCall {
  seq: number;
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  counterName: string;
  seat: number | null;
  at: string;
  recall: boolean;
}

export interface DisplayState {
  siteId: string;
  seq: number;
  at: string;
  recentCalls: RecentCall[];
  services: ServiceQueueState[];
}

export type SyncAnswer = { siteId: string; kind: 'events'; events: SiteEvent[] } | { siteId: string; kind: 'snapshot'; state: DisplayState };

export function toRecentCall(e: Pick<SiteEvent, 'seq' | 'type' | 'at' | 'payload'>): RecentCall {
  const p = e.payload as Record<string, never>;
  return {
    seq: e.seq,
    ticketId: p.ticketId,
    number: p.number,
    serviceId: p.serviceId,
    counterId: p.counterId,
    counterName: p.counterName,
    seat: p.seat ?? null,
    at: e.at,
    recall: e.type === 'ticket.recalled',
  };
}

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
         ORDER BY seq DESC LIMIT ${RECENT_CALLS}`,
        [siteId, dayStart],
      );
      return {
        siteId,
        seq: site.eventSeq,
        at: now.toISOString(),
        recentCalls: calls.map((c: { seq: number; type: string; at: Date; payload: Record<string, unknown> }) =>
          toRecentCall({ ...c, type: c.type as SiteEvent['type'], at: new Date(c.at).toISOString() }),
        ),
        services: await this.queueState.forServices(tx, siteId, date),
      };
    });
  }

  async sync(siteId: string, sinceSeq: number): Promise<SyncAnswer> {
    const [site] = await this.dataSource.query('SELECT event_seq FROM site WHERE id = $1', [siteId]);
    const current = Number(site?.event_seq ?? 0);
    if (!Number.isInteger(sinceSeq) || sinceSeq < 0 || sinceSeq > current || current - sinceSeq > MAX_REPLAY) {
      return { siteId, kind: 'snapshot', state: await this.snapshot(siteId) };
    }
    const events = await this.dataSource.getRepository(TicketEvent).find({
      where: { siteId, seq: MoreThan(sinceSeq) },
      order: { seq: 'ASC' },
      take: MAX_REPLAY,
    });
    return { siteId, kind: 'events', events: events.map(toSiteEvent) };
  }
}
