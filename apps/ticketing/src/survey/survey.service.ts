import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { conflict, containsCprNumber, invalid, notFound, ruleBroken, waitBand } from '@skranke/domain';
import { REDIS } from '@skranke/platform';
import { SurveyAnswer, Ticket } from '@skranke/persistence';
import { SurveyDto } from './survey.dto';

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /(?:\+?\d[\s-]?){8,}/;

/**
 * Stores a survey answer with service, outcome, date and the coarse band of the
 * visit's wait only (docs/statistics.md, report 11). "Answered once per ticket"
 * is remembered in Redis (expiring), never as a link in the table.
 */
@Injectable()
export class SurveyService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  async answer(trackingToken: string, dto: SurveyDto) {
    const ticket = await this.dataSource.getRepository(Ticket).findOneBy({ trackingToken: String(trackingToken).slice(0, 100) });
    if (!ticket) throw notFound('ticket_not_found', 'No ticket with that tracking token.');
    if (ticket.status !== 'finished') throw ruleBroken('visit_not_finished', 'The survey opens when the visit is over.');
    const comment = dto.comment?.trim() || null;
    if (comment && (containsCprNumber(comment) || EMAIL.test(comment) || PHONE.test(comment))) {
      throw invalid('personal_data_in_comment', 'Please leave out CPR numbers, e-mail addresses and phone numbers: the survey is anonymous.');
    }
    const key = `${this.config.redisPrefix}:survey:${ticket.id}`;
    if ((await this.redis.set(key, '1', 'EX', 7 * 86400, 'NX')) !== 'OK') throw conflict('survey_already_answered', 'This visit has already been rated. Thank you!');
    // The wait by the one definition (stat_ticket), kept only as its band: a slip's wait is no wait.
    const [wait] = await this.dataSource.query(`SELECT wait_seconds FROM stat_ticket WHERE ticket_id = $1 AND wait_reliable`, [ticket.id]);
    await this.dataSource.getRepository(SurveyAnswer).insert({
      siteId: ticket.siteId,
      serviceId: ticket.serviceId,
      outcome: ticket.outcome,
      businessDate: ticket.businessDate,
      gotWhatCameFor: dto.gotWhatCameFor ?? null,
      guidance: dto.guidance ?? null,
      feltSeenAndHeard: dto.feltSeenAndHeard ?? null,
      comment,
      waitBand: waitBand(wait?.wait_seconds),
    });
    return { thanks: true };
  }
}
