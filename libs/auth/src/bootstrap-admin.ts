import { DataSource } from 'typeorm';
import { hashPassword } from './passwords';

/**
 * Creates the administrator named in the environment if no user by that name
 * exists. An admin with no site yet may create sites; the creator becomes their admin.
 */
export async function ensureBootstrapAdmin(dataSource: DataSource, admin: { username: string; password: string } | null): Promise<void> {
  if (!admin) return;
  const passwordHash = await hashPassword(admin.password);
  await dataSource.query(
    `INSERT INTO staff_user (username, password_hash, display_name, super_admin) VALUES ($1, $2, 'Administrator', true)
     ON CONFLICT (username) DO NOTHING`,
    [admin.username, passwordHash],
  );
}
