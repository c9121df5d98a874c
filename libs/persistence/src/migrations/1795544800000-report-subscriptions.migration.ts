import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports sent by e-mail on a schedule (issue 21): who asked, which report of which sites, how often, when next. */
export class ReportSubscriptions1795544800000 implements MigrationInterface {
  name = 'ReportSubscriptions1795544800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "report_subscription" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_user_id" uuid NOT NULL,
        "report" text NOT NULL,
        "site_ids" uuid array NOT NULL,
        "frequency" text NOT NULL,
        "lang" text NOT NULL,
        "email" text NOT NULL,
        "skip_when_empty" boolean NOT NULL DEFAULT false,
        "next_run_at" timestamptz NOT NULL,
        "last_run_at" timestamptz,
        "last_status" text,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "report_subscription_pk" PRIMARY KEY ("id"),
        CONSTRAINT "report_subscription_frequency" CHECK (frequency IN ('daily', 'weekly', 'monthly')),
        CONSTRAINT "report_subscription_lang" CHECK (lang IN ('da', 'en', 'de')),
        CONSTRAINT "report_subscription_status" CHECK (last_status IS NULL OR last_status IN ('sent', 'skipped-empty', 'failed')),
        CONSTRAINT "report_subscription_owner" FOREIGN KEY ("owner_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "report_subscription_due" ON "report_subscription" ("next_run_at")`);
    await q.query(`CREATE INDEX "report_subscription_owner_idx" ON "report_subscription" ("owner_user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_subscription"`);
  }
}
