import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff tokens can be ended before they expire: one token at logout (its `jti`
 * in ended_token until it would have expired), or all of a user's at once by
 * raising staff_user.token_epoch (deactivation, a new password). An ended
 * token sends the row-change notice, so every instance forgets it at once.
 */
export class EndedTokens1795540700000 implements MigrationInterface {
  name = 'EndedTokens1795540700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ended_token" ("jti" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4b934bb2c70f7a00788177e4ced" PRIMARY KEY ("jti"))`);
    await q.query(`CREATE INDEX "IDX_5f50d091270c47d7240ede319d" ON "ended_token" ("expires_at")`);
    await q.query(`ALTER TABLE "ended_token" ADD CONSTRAINT "FK_7764503e1f17b180621dc2b15f2" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_user" ADD "token_epoch" integer NOT NULL DEFAULT '0'`);
    await q.query(`CREATE TRIGGER ended_token_row_change AFTER INSERT ON ended_token FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_user" DROP COLUMN "token_epoch"`);
    await q.query(`DROP TABLE "ended_token"`);
  }
}
