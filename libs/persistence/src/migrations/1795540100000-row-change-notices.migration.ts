import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write to a table the apps cache (site settings, devices, staff and
 * their roles) sends NOTIFY skranke_row_changes with the table's name, so
 * every app instance drops what it holds (libs/persistence row-changes.ts).
 * Site rows are written on every ticket change (event_seq): only the columns
 * a cache holds fire the trigger.
 */
export class RowChangeNotices1795540100000 implements MigrationInterface {
  name = 'RowChangeNotices1795540100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_row_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('skranke_row_changes', TG_TABLE_NAME);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`CREATE TRIGGER site_row_change AFTER INSERT OR DELETE OR UPDATE OF slug, name, municipality, timezone, opening_hours, ordering, settings
      ON site FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
    for (const table of ['device', 'staff_user', 'staff_role']) {
      await q.query(`CREATE TRIGGER ${table}_row_change AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_row_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['site', 'device', 'staff_user', 'staff_role']) await q.query(`DROP TRIGGER ${table}_row_change ON ${table}`);
    await q.query(`DROP FUNCTION notify_row_change()`);
  }
}
