import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 22): users known by their identity provider
 * (sso_identity), the administrator's mapping from role claims to site roles,
 * and the refreshable sessions of signed-in users.
 */
export class SingleSignOn1795545500000 implements MigrationInterface {
  name = 'SingleSignOn1795545500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "sso_identity" (
      "user_id" uuid NOT NULL, "provider" text NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL,
      "role_claims" text array NOT NULL DEFAULT '{}', "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "roles_lost" boolean NOT NULL DEFAULT false,
      CONSTRAINT "sso_identity_subject" UNIQUE ("issuer", "subject"),
      CONSTRAINT "sso_identity_provider" CHECK (provider IN ('oidc', 'saml')),
      CONSTRAINT "sso_identity_pkey" PRIMARY KEY ("user_id"),
      CONSTRAINT "sso_identity_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE TABLE "sso_role_mapping" (
      "claim" text NOT NULL, "site_id" uuid NOT NULL, "role" text NOT NULL,
      CONSTRAINT "sso_role_mapping_role" CHECK (role IN ('admin', 'supervisor', 'floor', 'counter', 'reports', 'integration')),
      CONSTRAINT "sso_role_mapping_claim" CHECK (length(claim) BETWEEN 1 AND 400),
      CONSTRAINT "sso_role_mapping_pkey" PRIMARY KEY ("claim", "site_id", "role"),
      CONSTRAINT "sso_role_mapping_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE TABLE "sso_session" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "refresh_hash" text NOT NULL, "provider_refresh_token" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "sso_session_refresh" UNIQUE ("refresh_hash"),
      CONSTRAINT "sso_session_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "sso_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "sso_session_user" ON "sso_session" ("user_id")`);
    await q.query(`CREATE INDEX "sso_session_expires" ON "sso_session" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sso_session"`);
    await q.query(`DROP TABLE "sso_role_mapping"`);
    await q.query(`DROP TABLE "sso_identity"`);
  }
}
