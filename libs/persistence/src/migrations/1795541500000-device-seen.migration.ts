import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A device's "last seen" is written as it uses its token (at most once a
 * minute): that write must not tell every instance to drop its cached device
 * tokens, so the device table's change notice fires only for the columns a
 * cache holds.
 */
export class DeviceSeen1795541500000 implements MigrationInterface {
  name = 'DeviceSeen1795541500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER device_row_change ON device');
    await q.query(`CREATE TRIGGER device_row_change AFTER INSERT OR DELETE OR UPDATE OF site_id, kind, name, token_hash, revoked_at, printer_address
      ON device FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER device_row_change ON device');
    await q.query('CREATE TRIGGER device_row_change AFTER INSERT OR UPDATE OR DELETE ON device FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()');
  }
}
