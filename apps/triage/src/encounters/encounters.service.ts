import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Clock, IssueTicketService } from '@skranke/core';
import { businessDate, invalid } from '@skranke/domain';
import { Encounter, Site, siteSettings } from '@skranke/persistence';
import { CreateEncounterDto } from './encounter.dto';

/** A triage at the entrance, recorded whatever its outcome, so the day's figures show more than tickets. */
@Injectable()
export class EncountersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issuer: IssueTicketService,
    private readonly clock: Clock,
  ) {}

  async record(siteId: string, dto: CreateEncounterDto, actor: Actor, idempotencyKey?: string) {
    if (actor.kind !== 'user') throw invalid('staff_only', 'Encounters are recorded by floor staff.');
    if (dto.outcome === 'referred' && !dto.referralTarget) throw invalid('referral_target_required', 'A referral needs a referralTarget.');
    if (dto.outcome === 'ticket' && !dto.ticket) throw invalid('ticket_required', 'The ticket outcome needs ticket {serviceId, …}.');
    if (dto.outcome !== 'ticket' && dto.ticket) throw invalid('ticket_not_allowed', 'Only the ticket outcome issues a ticket.');
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: siteId });
    const allowedFlags = siteSettings(site.settings).flags.map((f) => f.key);
    const unknownFlag = dto.ticket?.flags?.find((f) => !allowedFlags.includes(f));
    if (unknownFlag) throw invalid('unknown_flag', `"${unknownFlag}" is not one of this site's flags: ${allowedFlags.join(', ')}.`);
    const ticket = dto.ticket
      ? await this.issuer.issue(site, { ...dto.ticket, channel: 'floor', idempotencyKey }, actor)
      : null;
    const encounter = await this.dataSource.getRepository(Encounter).save({
      siteId,
      businessDate: businessDate(this.clock.now(), site.timezone),
      outcome: dto.outcome,
      topic: dto.topic ?? null,
      referralTarget: dto.referralTarget ?? null,
      ticketId: ticket?.id ?? null,
      userId: actor.userId,
    });
    return {
      id: encounter.id,
      siteId,
      outcome: encounter.outcome,
      topic: encounter.topic,
      referralTarget: encounter.referralTarget,
      createdAt: encounter.createdAt.toISOString(),
      ticket,
    };
  }
}
