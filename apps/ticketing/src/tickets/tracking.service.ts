import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, QueueStateService, TRACKED_TICKET, allowOnly, counterName, queuePosition } from '@skranke/core';
import { notFound, turnNearBuffer } from '@skranke/domain';
import { Service, Site, Ticket } from '@skranke/persistence';
import { NotifyMeService } from '../notify/notify-me.service';
import type { TrackedTicketSchema } from './tickets.schemas';

/** The citizen's view of their ticket: number, place, estimate, counter. Nothing personal, nothing of others. */
@Injectable()
export class TrackingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queueState: QueueStateService,
    private readonly clock: Clock,
    private readonly notify: NotifyMeService,
  ) {}

  async track(trackingToken: string): Promise<TrackedTicketSchema> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const ticket = await tx.getRepository(Ticket).findOneBy({ trackingToken });
      if (!ticket) throw notFound('ticket_not_found', 'No ticket with that tracking token.');
      const site = await tx.getRepository(Site).findOneByOrFail({ id: ticket.siteId });
      const service = await tx.getRepository(Service).findOneByOrFail({ id: ticket.serviceId });
      const waiting = ticket.status === 'waiting' ? await queuePosition(tx, this.queueState, site, ticket, this.clock.now()) : null;
      return allowOnly<TrackedTicketSchema>(TRACKED_TICKET, {
        siteId: site.id,
        siteSlug: site.slug,
        siteName: site.name,
        ticketId: ticket.id,
        number: ticket.number,
        status: ticket.status,
        service: { id: service.id, names: service.names },
        language: ticket.language,
        issuedAt: ticket.issuedAt.toISOString(),
        position: waiting?.position ?? null,
        ahead: waiting ? waiting.position - 1 : null,
        estimatedWait: waiting?.estimate ?? null,
        counterName: ticket.status === 'called' || ticket.status === 'in-service' ? await counterName(tx, ticket.counterId) : null,
        seat: ticket.seat,
        calledAt: ticket.calledAt?.toISOString() ?? null,
        notifyChannels: this.notify.channels(site.settings),
        notifyChannel: ticket.notifyChannel,
        turnNearMinutes: turnNearBuffer(site.settings),
        turnNearNow: ticket.status === 'waiting' && !ticket.notifyContact && !(await this.notify.offered(site.id, ticket.id, site.settings, tx)),
      });
    });
  }
}
