import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The booking lifecycle's sweeps read few rows: the no-show sweep (every
 * minute) only booked times, the retention run only bookings still holding a
 * contact or a client's key.
 */
export class AppointmentLifecycle1795542300000 implements MigrationInterface {
  name = 'AppointmentLifecycle1795542300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX appointment_booked_time ON appointment (starts_at) WHERE status = 'booked'`);
    await q.query(`CREATE INDEX appointment_contact_held ON appointment (ends_at) WHERE phone IS NOT NULL OR email IS NOT NULL`);
    await q.query(`CREATE INDEX appointment_client_key_held ON appointment (created_at) WHERE idempotency_key IS NOT NULL OR client_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['appointment_booked_time', 'appointment_contact_held', 'appointment_client_key_held']) await q.query(`DROP INDEX ${index}`);
  }
}
