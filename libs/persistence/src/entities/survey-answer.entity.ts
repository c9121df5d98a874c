import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WaitBand } from '@skranke/domain';

/**
 * One anonymous answer to the citizen mini-survey of seed 003. Deliberately
 * kept apart from the ticket: service, outcome, date and the coarse band of
 * the visit's wait only, no ticket id, token, time of day, note or phone.
 */
@Entity()
@Index('survey_answer_site_day', ['siteId', 'businessDate'])
@Check('survey_answer_wait_band', `wait_band IS NULL OR wait_band IN ('0-5', '5-15', '15-30', '30-60', '60+')`)
@Check('survey_answer_guidance', `guidance IS NULL OR guidance IN ('very-good', 'good', 'poor', 'unacceptable')`)
export class SurveyAnswer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) siteId: string;
  @Column({ type: 'uuid' }) serviceId: string;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'date' }) businessDate: string;
  @Column({ type: 'boolean', nullable: true }) gotWhatCameFor: boolean | null;
  @Column({ type: 'text', nullable: true }) guidance: 'very-good' | 'good' | 'poor' | 'unacceptable' | null;
  @Column({ type: 'boolean', nullable: true }) feltSeenAndHeard: boolean | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  /** The visit's wait as a band of minutes (statistics report 11); null: not known, or answered before bands. */
  @Column({ type: 'text', nullable: true }) waitBand: WaitBand | null;
}
