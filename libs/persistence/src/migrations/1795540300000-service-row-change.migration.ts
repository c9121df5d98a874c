import { MigrationInterface, QueryRunner } from 'typeorm';

/** Services join the cached tables: issuing a ticket reads its service from memory (see RowChangeNotices). */
export class ServiceRowChange1795540300000 implements MigrationInterface {
  name = 'ServiceRowChange1795540300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER service_row_change AFTER INSERT OR UPDATE OR DELETE ON service FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER service_row_change ON service`);
  }
}
