/**
 * The audit trail (libs/core audit-log.ts) that security acts write: an entry
 * names actor, action, subject and site, and never keeps a secret or a CPR
 * number, whatever a caller passes in its details.
 */
import { DataSource } from 'typeorm';
import { AuditLog, SystemClock } from '../../libs/core/src';
import { createDataSource } from '../../libs/persistence/src';
import { createTestDatabase } from '../support/database';

describe('audit log', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let audit: AuditLog;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, { poolSize: 2, name: 'audit-log-spec' });
    await ds.initialize();
    audit = new AuditLog(ds, new SystemClock());
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps who did what to which subject, and drops passwords, tokens and CPR numbers from the details', async () => {
    const siteId = '8c7e2f0a-2f0b-4a57-9f58-8e9c4b3d2a11';
    const userId = '5b1f0c1e-3a9d-4c7b-8f2e-6d4a2b9c1e07';
    await audit.record({
      action: 'user.changed',
      actor: { kind: 'user', userId, username: 'anna', superAdmin: false, municipalities: [], grants: [] },
      subject: { type: 'user', id: userId },
      siteId,
      details: { fields: ['displayName'], password: 'hunter22', nested: { accessToken: 'x', note: 'ring 010203-1234' } },
    });
    await audit.record({ action: 'login.locked', actor: { kind: 'anonymous', address: '10.0.0.7' }, subject: { type: 'user', id: null } });
    const rows = await ds.query(
      `SELECT actor_kind, actor_id, actor_label, action, subject_type, subject_id, site_id, details FROM audit_entry ORDER BY at`,
    );
    expect(rows).toEqual([
      {
        actor_kind: 'user',
        actor_id: userId,
        actor_label: 'anna',
        action: 'user.changed',
        subject_type: 'user',
        subject_id: userId,
        site_id: siteId,
        details: { fields: ['displayName'], nested: { note: '[cpr removed]' } },
      },
      {
        actor_kind: 'anonymous',
        actor_id: null,
        actor_label: '10.0.0.7',
        action: 'login.locked',
        subject_type: 'user',
        subject_id: null,
        site_id: null,
        details: {},
      },
    ]);
  });
});
