import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Municipality administrators: a grant per (user, municipality slug). Its rows
 * are cached with the user's token like staff roles, so they fire the same
 * row-change notice (RowChangeNotices): a revoked grant takes effect at once.
 */
export class MunicipalityAdmin1795540600000 implements MigrationInterface {
  name = 'MunicipalityAdmin1795540600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_municipality_role" ("user_id" uuid NOT NULL, "municipality" text NOT NULL, CONSTRAINT "staff_municipality_role_slug" CHECK (municipality ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(municipality) <= 200), CONSTRAINT "PK_8becc50e0566eed60e2aa01298d" PRIMARY KEY ("user_id", "municipality"))`);
    await q.query(`ALTER TABLE "staff_municipality_role" ADD CONSTRAINT "FK_d46f94826278795ca7a4d24ce01" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER staff_municipality_role_row_change AFTER INSERT OR UPDATE OR DELETE ON staff_municipality_role FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "staff_municipality_role"`);
  }
}
