import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketActionsService } from '@skranke/core';
import { notFound } from '@skranke/domain';
import { Ticket } from '@skranke/persistence';

@Injectable()
export class LeaveService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: TicketActionsService,
  ) {}

  async leave(trackingToken: string) {
    const ticket = await this.dataSource.getRepository(Ticket).findOneBy({ trackingToken: String(trackingToken).slice(0, 100) });
    if (!ticket) throw notFound('ticket_not_found', 'No ticket with that tracking token.');
    await this.actions.cancel(ticket.siteId, ticket.id, { kind: 'citizen', ticketId: ticket.id }, 'citizen-left');
    return { number: ticket.number, status: 'cancelled' as const };
  }
}
