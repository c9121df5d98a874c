import { MigrationInterface, QueryRunner } from 'typeorm';

export class SurveyAnswers1795457382347 implements MigrationInterface {
  name = 'SurveyAnswers1795457382347';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "survey_answer" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "service_id" uuid NOT NULL, "outcome" text, "business_date" date NOT NULL, "got_what_came_for" boolean, "guidance" text, "felt_seen_and_heard" boolean, "comment" text, CONSTRAINT "survey_answer_guidance" CHECK (guidance IS NULL OR guidance IN ('very-good', 'good', 'poor', 'unacceptable')), CONSTRAINT "PK_5a2a931b95ad2a866f8bc039db9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "survey_answer_site_day" ON "survey_answer"  ("site_id", "business_date") `);
    await q.query(`ALTER TABLE "device" ADD "printer_address" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "device" DROP COLUMN "printer_address"`);
    await q.query(`DROP INDEX "public"."survey_answer_site_day"`);
    await q.query(`DROP TABLE "survey_answer"`);
  }
}
