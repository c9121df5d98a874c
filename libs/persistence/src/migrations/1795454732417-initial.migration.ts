import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795454732417 implements MigrationInterface {
  name = 'Initial1795454732417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await q.query(`CREATE TABLE "site" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "slug" text NOT NULL, "name" text NOT NULL, "municipality" text, "timezone" text NOT NULL, "opening_hours" jsonb NOT NULL, "ordering" jsonb NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}', "event_seq" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5a6595eb819d99507fc9817c7c1" UNIQUE ("slug"), CONSTRAINT "site_slug_format" CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'), CONSTRAINT "PK_635c0eeabda8862d5b0237b42b4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "counter" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "seats" integer NOT NULL DEFAULT '1', "service_ids" uuid array NOT NULL DEFAULT '{}', "state" text NOT NULL DEFAULT 'closed', "pause_reason" text, "staff_user_id" uuid, "state_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "counter_seats" CHECK (seats BETWEEN 1 AND 12), CONSTRAINT "counter_state" CHECK (state IN ('open', 'paused', 'closed')), CONSTRAINT "counter_kind" CHECK (kind IN ('counter', 'desk', 'assisted-self-service')), CONSTRAINT "PK_012f437b30fcf5a172841392ef3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "counter_site_name" ON "counter"  ("site_id", "name") `);
    await q.query(`CREATE TABLE "device" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_seen_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d63ae33f17c0a2b810b483c51f6" UNIQUE ("token_hash"), CONSTRAINT "device_kind" CHECK (kind IN ('kiosk', 'display')), CONSTRAINT "PK_2dc10972aa4e27c01378dad2c72" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "service" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" text NOT NULL, "prefix" text NOT NULL, "names" jsonb NOT NULL, "target_wait_minutes" integer NOT NULL, "service_level_percent" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "daily_cap" integer, "group_name" text, "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "service_prefix_format" CHECK (prefix ~ '^[A-Z]{1,3}$'), CONSTRAINT "service_target_positive" CHECK (target_wait_minutes > 0 AND service_level_percent BETWEEN 1 AND 100), CONSTRAINT "PK_85a21558c006647cd76fdce044b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "service_site_prefix" ON "service"  ("site_id", "prefix") `);
    await q.query(`CREATE UNIQUE INDEX "service_site_code" ON "service"  ("site_id", "code") `);
    await q.query(`CREATE TABLE "staff_user" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" text NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "super_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5b021acaebf628d940d8ad2476d" UNIQUE ("username"), CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "staff_role" ("user_id" uuid NOT NULL, "site_id" uuid NOT NULL, "role" text NOT NULL, CONSTRAINT "staff_role_name" CHECK (role IN ('admin', 'supervisor', 'floor', 'counter')), CONSTRAINT "PK_c7fc48fda362fbc1cac009d8e9a" PRIMARY KEY ("user_id", "site_id", "role"))`);
    await q.query(`CREATE TABLE "number_sequence" ("site_id" uuid NOT NULL, "service_id" uuid NOT NULL, "business_date" date NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_5c4d55ab89eb54310b825066b17" PRIMARY KEY ("site_id", "service_id", "business_date"))`);
    await q.query(`CREATE TABLE "idempotency_key" ("scope" text NOT NULL, "key" text NOT NULL, "ticket_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2738e797ef2c60d9a902bad976a" PRIMARY KEY ("scope", "key"))`);
    await q.query(`CREATE TABLE "encounter" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "business_date" date NOT NULL, "outcome" text NOT NULL, "topic" text, "referral_target" text, "ticket_id" uuid, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "encounter_outcome" CHECK (outcome IN ('resolved-on-spot', 'self-service', 'referred', 'ticket')), CONSTRAINT "PK_1cf9e15e693ff9f0ef9b9061372" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "encounter_site_day" ON "encounter"  ("site_id", "business_date") `);
    await q.query(`CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "service_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "booking_code" text NOT NULL, "phone" text, "status" text NOT NULL DEFAULT 'booked', "ticket_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointment_status" CHECK (status IN ('booked', 'checked-in', 'cancelled')), CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "appointment_booking_code" ON "appointment"  ("site_id", "booking_code") `);
    await q.query(`CREATE TABLE "wait_alert" ("ticket_id" uuid NOT NULL, "service_id" uuid NOT NULL, "kind" text NOT NULL, "site_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_user_id" uuid, CONSTRAINT "wait_alert_kind" CHECK (kind IN ('warning', 'breach')), CONSTRAINT "PK_1ee5b1de34f191a88a52858839e" PRIMARY KEY ("ticket_id", "service_id", "kind"))`);
    await q.query(`CREATE TABLE "day_close" ("site_id" uuid NOT NULL, "business_date" date NOT NULL, "expired_tickets" integer NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0456682fdcfd3288e8fade2d2af" PRIMARY KEY ("site_id", "business_date"))`);
    await q.query(`CREATE TABLE "ticket_event" ("site_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "ticket_id" uuid, "counter_id" uuid, "actor_user_id" uuid, "actor_device_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "PK_ddeedf88c3ea6f4df309de2844e" PRIMARY KEY ("site_id", "seq"))`);
    await q.query(`CREATE INDEX "ticket_event_ticket" ON "ticket_event"  ("ticket_id") `);
    await q.query(`CREATE TABLE "ticket" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "service_id" uuid NOT NULL, "issued_service_id" uuid NOT NULL, "business_date" date NOT NULL, "sequence" integer NOT NULL, "number" text NOT NULL, "status" text NOT NULL DEFAULT 'waiting', "priority" smallint NOT NULL DEFAULT '0', "channel" text NOT NULL, "language" text NOT NULL DEFAULT 'da', "appointment_id" uuid, "appointment_at" TIMESTAMP WITH TIME ZONE, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "called_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, "counter_id" uuid, "seat" smallint, "served_by_user_id" uuid, "recall_count" integer NOT NULL DEFAULT '0', "transfer_count" integer NOT NULL DEFAULT '0', "outcome" text, "help_mode" text, "note" text, "flags" text array NOT NULL DEFAULT '{}', "phone" text, "tracking_token" text NOT NULL, "estimate_minutes" integer, "estimate_low" integer, "estimate_high" integer, "print_status" text, "issued_by_user_id" uuid, "issued_by_device_id" uuid, CONSTRAINT "UQ_430de28164b0d91eabf5cef8e3d" UNIQUE ("tracking_token"), CONSTRAINT "ticket_seat_when_active" CHECK (status NOT IN ('called', 'in-service') OR (counter_id IS NOT NULL AND seat IS NOT NULL)), CONSTRAINT "ticket_help_mode" CHECK (help_mode IS NULL OR help_mode IN ('advice', 'motivation', 'problem-solving', 'instruction')), CONSTRAINT "ticket_outcome" CHECK (outcome IS NULL OR outcome IN ('resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up')), CONSTRAINT "ticket_channel" CHECK (channel IN ('kiosk', 'floor', 'appointment', 'api')), CONSTRAINT "ticket_status" CHECK (status IN ('waiting', 'called', 'in-service', 'finished', 'no-show', 'cancelled', 'expired')), CONSTRAINT "PK_d9a0835407701eb86f874474b7c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ticket_retention" ON "ticket"  ("ended_at") WHERE note IS NOT NULL OR phone IS NOT NULL OR cardinality(flags) > 0`);
    await q.query(`CREATE INDEX "ticket_site_day" ON "ticket"  ("site_id", "business_date") `);
    await q.query(`CREATE INDEX "ticket_waiting_queue" ON "ticket"  ("site_id", "business_date", "service_id", "ordered_at") WHERE status = 'waiting'`);
    await q.query(`CREATE UNIQUE INDEX "ticket_one_active_per_seat" ON "ticket"  ("counter_id", "seat") WHERE status IN ('called', 'in-service')`);
    await q.query(`CREATE UNIQUE INDEX "ticket_number_per_day" ON "ticket"  ("site_id", "issued_service_id", "business_date", "sequence") `);
    await q.query(`ALTER TABLE "counter" ADD CONSTRAINT "FK_582529e222a3bde1ed2063aa870" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "device" ADD CONSTRAINT "FK_6499437e88b3d9c9bb696ac9d0d" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service" ADD CONSTRAINT "FK_db422bc0c51e3ed511a45533896" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_role" ADD CONSTRAINT "FK_d1e7e4c7bbc93c90bf200fdbdf9" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_role" ADD CONSTRAINT "FK_00022fea2d569bb4be554083fbd" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ticket_event" ADD CONSTRAINT "FK_7ec21e1e332cd9fed093af90040" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ticket" ADD CONSTRAINT "FK_28d7fa2480983e8fd1a4cba0160" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ticket" ADD CONSTRAINT "FK_eed435eefebd537c4a5423c99e4" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ticket" ADD CONSTRAINT "FK_ec62806d405b1210e7ceac49d85" FOREIGN KEY ("counter_id") REFERENCES "counter"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket" DROP CONSTRAINT "FK_ec62806d405b1210e7ceac49d85"`);
    await q.query(`ALTER TABLE "ticket" DROP CONSTRAINT "FK_eed435eefebd537c4a5423c99e4"`);
    await q.query(`ALTER TABLE "ticket" DROP CONSTRAINT "FK_28d7fa2480983e8fd1a4cba0160"`);
    await q.query(`ALTER TABLE "ticket_event" DROP CONSTRAINT "FK_7ec21e1e332cd9fed093af90040"`);
    await q.query(`ALTER TABLE "staff_role" DROP CONSTRAINT "FK_00022fea2d569bb4be554083fbd"`);
    await q.query(`ALTER TABLE "staff_role" DROP CONSTRAINT "FK_d1e7e4c7bbc93c90bf200fdbdf9"`);
    await q.query(`ALTER TABLE "service" DROP CONSTRAINT "FK_db422bc0c51e3ed511a45533896"`);
    await q.query(`ALTER TABLE "device" DROP CONSTRAINT "FK_6499437e88b3d9c9bb696ac9d0d"`);
    await q.query(`ALTER TABLE "counter" DROP CONSTRAINT "FK_582529e222a3bde1ed2063aa870"`);
    await q.query(`DROP INDEX "public"."ticket_number_per_day"`);
    await q.query(`DROP INDEX "public"."ticket_one_active_per_seat"`);
    await q.query(`DROP INDEX "public"."ticket_waiting_queue"`);
    await q.query(`DROP INDEX "public"."ticket_site_day"`);
    await q.query(`DROP INDEX "public"."ticket_retention"`);
    await q.query(`DROP TABLE "ticket"`);
    await q.query(`DROP INDEX "public"."ticket_event_ticket"`);
    await q.query(`DROP TABLE "ticket_event"`);
    await q.query(`DROP TABLE "day_close"`);
    await q.query(`DROP TABLE "wait_alert"`);
    await q.query(`DROP INDEX "public"."appointment_booking_code"`);
    await q.query(`DROP TABLE "appointment"`);
    await q.query(`DROP INDEX "public"."encounter_site_day"`);
    await q.query(`DROP TABLE "encounter"`);
    await q.query(`DROP TABLE "idempotency_key"`);
    await q.query(`DROP TABLE "number_sequence"`);
    await q.query(`DROP TABLE "staff_role"`);
    await q.query(`DROP TABLE "staff_user"`);
    await q.query(`DROP INDEX "public"."service_site_code"`);
    await q.query(`DROP INDEX "public"."service_site_prefix"`);
    await q.query(`DROP TABLE "service"`);
    await q.query(`DROP TABLE "device"`);
    await q.query(`DROP INDEX "public"."counter_site_name"`);
    await q.query(`DROP TABLE "counter"`);
    await q.query(`DROP TABLE "site"`);
  }
}
