import { MigrationInterface, QueryRunner } from 'typeorm';

/** Two more system roles (the published role catalogue): `reports` reads statistics, `integration` manages webhooks and the event feed. */
export class SystemRoles1795543900000 implements MigrationInterface {
  name = 'SystemRoles1795543900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_role" DROP CONSTRAINT "staff_role_name"`);
    await q.query(
      `ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_name" CHECK (role IN ('admin', 'supervisor', 'floor', 'counter', 'reports', 'integration'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "staff_role" WHERE role IN ('reports', 'integration')`);
    await q.query(`ALTER TABLE "staff_role" DROP CONSTRAINT "staff_role_name"`);
    await q.query(`ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_name" CHECK (role IN ('admin', 'supervisor', 'floor', 'counter'))`);
  }
}
