import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report (11), the exit survey against the wait: an answer carries the coarse band of the wait its visit had
 * (minutes 0-5, 5-15, 15-30, 30-60, 60+), set when the citizen answers. Still no ticket id and no time of day:
 * the answer stays anonymous. Answers from before have no band.
 */
export class SurveyWaitBand1795544400000 implements MigrationInterface {
  name = 'SurveyWaitBand1795544400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_answer" ADD COLUMN "wait_band" text`);
    await q.query(
      `ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_wait_band" CHECK (wait_band IS NULL OR wait_band IN ('0-5', '5-15', '15-30', '30-60', '60+'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_answer" DROP CONSTRAINT "survey_answer_wait_band"`);
    await q.query(`ALTER TABLE "survey_answer" DROP COLUMN "wait_band"`);
  }
}
