import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail (`audit_entry`): logins locked and unlocked, users changed, and later every admin act. */
export class AuditLog1795540500000 implements MigrationInterface {
  name = 'AuditLog1795540500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_kind" text NOT NULL, "actor_id" uuid, "actor_label" text, "action" text NOT NULL, "subject_type" text, "subject_id" text, "site_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "audit_entry_at" ON "audit_entry"  ("at") `);
    await q.query(`CREATE INDEX "audit_entry_site_at" ON "audit_entry"  ("site_id", "at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."audit_entry_site_at"`);
    await q.query(`DROP INDEX "public"."audit_entry_at"`);
    await q.query(`DROP TABLE "audit_entry"`);
  }
}
