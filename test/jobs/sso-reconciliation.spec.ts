import { Client } from 'pg';
import { ExternalIdentity, SsoReconciliation, SsoSignInService } from '../../libs/auth/src';
import { JobName, QueueName, Queues } from '../../libs/jobs/src';
import { closeAllSockets, subscribed, waitFor } from '../realtime/sockets';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';

/**
 * The nightly reconciliation reaches single sign-on users who are not signed
 * in: their last claims are mapped again with today's mapping, and a user the
 * provider has not vouched for in SSO_INACTIVE_DAYS is deactivated (tokens and
 * sockets ended at once), until a sign-in gives a role again.
 */
describe('nightly reconciliation of single sign-on users', () => {
  let sys: TestSystem;
  let root: string;
  let sso: SsoSignInService;
  let reconciliation: SsoReconciliation;
  let db: Client;
  let f: SiteFixture;

  beforeAll(async () => {
    sys = await startSystem({ env: { SSO_INACTIVE_DAYS: '30' } });
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
    sso = sys.apps[0].get(SsoSignInService);
    reconciliation = sys.apps[0].get(SsoReconciliation);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    f = await seedSite(sys);
  });
  afterAll(async () => {
    closeAllSockets();
    await db.end();
    await sys.stop();
  });

  const mapping = (entries: { claim: string; role: string }[]) =>
    sys.triage.as(root).put('/sso/role-mapping', { entries: entries.map((e) => ({ ...e, siteId: f.siteId })) });
  let n = 0;
  const identity = (roleClaims: string[]): ExternalIdentity => ({ provider: 'oidc', issuer: 'https://idp.example.dk', subject: `nightly-${process.pid}-${++n}`, displayName: `Person ${n}`, roleClaims });
  const state = async (userId: string) => (await db.query('SELECT u.active, i.roles_lost FROM staff_user u JOIN sso_identity i ON i.user_id = u.id WHERE u.id = $1', [userId])).rows[0];
  const rolesOf = async (token: string) => (await sys.triage.as(token).get('/auth/me')).body.roles?.map((r: { role: string }) => r.role).sort();

  it("applies a changed mapping to everyone's last claims at once, deactivates those left without a role and, at night, those not seen for 30 days; a sign-in with a role undoes it", async () => {
    expectStatus(await mapping([{ claim: 'Skranke.Floor', role: 'floor' }, { claim: 'Skranke.Gone', role: 'floor' }]), 200);
    const changed = await sso.signIn(identity(['Skranke.Floor']));
    const lost = await sso.signIn(identity(['Skranke.Gone']));
    const idleId = identity([`skranke:${f.slug}:counter`]);
    const idle = await sso.signIn(idleId);
    const fine = await sso.signIn(identity([`skranke:${f.slug}:supervisor`]));
    const byAdmin = await sso.signIn(identity(['Skranke.Gone']));
    expectStatus(await sys.triage.as(root).delete(`/users/${byAdmin.user.id}`), 200);
    await db.query(`UPDATE sso_identity SET last_seen_at = now() - interval '31 days' WHERE user_id = $1`, [idle.user.id]);
    await db.query(`UPDATE sso_identity SET last_seen_at = now() - interval '29 days' WHERE user_id = $1`, [fine.user.id]);
    const socket = await subscribed(sys.counterDisplayUrls[0], lost.accessToken, { siteId: f.siteId, channel: 'floor' });
    const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));

    // The administrator now maps Skranke.Floor to the counter role and drops Skranke.Gone: it applies at once.
    expectStatus(await mapping([{ claim: 'Skranke.Floor', role: 'counter' }]), 200);
    expect(await rolesOf(changed.accessToken)).toEqual(['counter']);
    expect(await closed).toBe('io server disconnect');
    expect(await state(lost.user.id)).toEqual({ active: false, roles_lost: true });
    expect(await state(idle.user.id)).toEqual({ active: true, roles_lost: false });
    // The night: the user not seen for 31 days goes too.
    expect(await reconciliation.reconcile()).toEqual({ deactivated: 1, rolesChanged: 0 });
    for (const t of [lost.accessToken, idle.accessToken]) expect((await sys.triage.as(t).get('/auth/me')).status).toBe(401);
    expect(await state(lost.user.id)).toEqual({ active: false, roles_lost: true });
    expect(await state(idle.user.id)).toEqual({ active: false, roles_lost: true });
    expect(await state(fine.user.id)).toEqual({ active: true, roles_lost: false });
    expect(await state(byAdmin.user.id)).toEqual({ active: false, roles_lost: false });
    const reasons = await db.query(`SELECT subject_id, details->>'reason' AS reason FROM audit_entry WHERE actor_label = 'sso-reconciliation' AND action = 'user.deactivated'`);
    expect(Object.fromEntries(reasons.rows.map((r) => [r.subject_id, r.reason]))).toEqual({ [lost.user.id]: 'sso_no_role', [idle.user.id]: 'sso_inactive' });
    await expect(sso.refresh(idle.refreshToken!)).rejects.toMatchObject({ code: 'sso_session_ended' });

    // Nothing more to do the next night; a sign-in that gives a role reactivates the idle user.
    expect(await reconciliation.reconcile()).toEqual({ deactivated: 0, rolesChanged: 0 });
    const back = await sso.signIn(idleId);
    expect(await rolesOf(back.accessToken)).toEqual(['counter']);
    expect(await state(idle.user.id)).toEqual({ active: true, roles_lost: false });
  });

  it('runs nightly in the workers', async () => {
    const workers = await sys.startExtra('triage', { RUN_WORKERS: 'true' });
    const queue = workers.app.get(Queues).get(QueueName.Housekeeping);
    const scheduler = await waitFor('the scheduler', async () => (await queue.getJobSchedulers()).find((s) => s.name === JobName.SsoReconciliation));
    expect(scheduler).toMatchObject({ pattern: '15 3 * * *', tz: 'Europe/Copenhagen' });
    const user = await sso.signIn(identity([`skranke:${f.slug}:floor`]));
    await db.query(`UPDATE sso_identity SET last_seen_at = now() - interval '40 days' WHERE user_id = $1`, [user.user.id]);
    await queue.add(JobName.SsoReconciliation, {});
    await waitFor('the worker to deactivate the idle user', async () => (await state(user.user.id)).active === false);
  });
});
