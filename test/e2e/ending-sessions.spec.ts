import { Client } from 'pg';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Reply, expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';

/**
 * A staff token can be ended before its 12 hours: logout ends that one token,
 * deactivating a user (PATCH active:false or DELETE) or giving a new password
 * ends all of theirs, on all three apps at once. User edits are validated
 * exactly as creation is, and stay within the sites the admin administers.
 */
describe('ending staff sessions', () => {
  let sys: TestSystem;
  let root: string;

  beforeAll(async () => {
    sys = await startSystem();
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
  });
  afterAll(() => sys.stop());

  const admin = () => sys.triage.as(root);
  let n = 0;

  /** A supervisor of the site: a role every app lets read something of the site. */
  async function newSupervisor(f: SiteFixture, roles = [{ siteId: f.siteId, role: 'supervisor' }]) {
    const username = `sup-${++n}`;
    const res = await admin().post('/users', { username, password: 'password-123', displayName: 'Supervisor', roles });
    expectStatus(res, 201);
    return { id: res.body.id as string, username };
  }

  /** What the token gets on each app: triage, ticketing, counter-display. */
  async function statusEverywhere(f: SiteFixture, token: string): Promise<number[]> {
    const replies = await Promise.all([
      sys.triage.as(token).get(`/sites/${f.siteId}`),
      sys.ticketing.as(token).get(`/sites/${f.siteId}/appointments`),
      sys.counterDisplay[0].as(token).get(`/sites/${f.siteId}/display-state`),
    ]);
    for (const r of replies) if (r.status === 401) expect(r.body.error.code).toBe('unauthenticated');
    return replies.map((r) => r.status);
  }

  const userOf = async (id: string) => (await admin().get('/users')).body.find((u: { id: string }) => u.id === id);

  describe('logout', () => {
    it('ends the token on all three apps at once; the same user\'s other token keeps working', async () => {
      const f = await seedSite(sys);
      const u = await newSupervisor(f);
      const [a, b] = [await login(sys.triage, u.username, 'password-123'), await login(sys.counterDisplay[0], u.username, 'password-123')];
      expect(await statusEverywhere(f, a)).toEqual([200, 200, 200]);

      // Logged out on the counter-display app; refused on every app right after.
      expectStatus(await sys.counterDisplay[0].as(a).post('/auth/logout'), 204);
      expect(await statusEverywhere(f, a)).toEqual([401, 401, 401]);
      expect(await statusEverywhere(f, b)).toEqual([200, 200, 200]);

      // Logged out on ticketing this time.
      expectStatus(await sys.ticketing.as(b).post('/auth/logout'), 204);
      expect(await statusEverywhere(f, b)).toEqual([401, 401, 401]);
      expect((await sys.triage.as(b).post('/auth/logout')).status).toBe(401);
      // The user may simply sign in again.
      expect(await statusEverywhere(f, await login(sys.triage, u.username, 'password-123'))).toEqual([200, 200, 200]);
    });

    it('refuses no token, a tampered token and a device token with a code', async () => {
      const f = await seedSite(sys);
      const none = await sys.triage.post('/auth/logout');
      expect([none.status, none.body.error.code]).toEqual([401, 'unauthenticated']);
      const [head, claims, signature] = f.tokens.supervisor.split('.');
      const forged = JSON.parse(Buffer.from(claims, 'base64url').toString());
      const tampered = [head, Buffer.from(JSON.stringify({ ...forged, jti: '00000000-0000-4000-8000-000000000000' })).toString('base64url'), signature].join('.');
      expect((await sys.triage.as(tampered).post('/auth/logout')).status).toBe(401);
      expectStatus(await sys.triage.as(f.tokens.supervisor).get(`/sites/${f.siteId}`), 200);
      const device = await sys.triage.as(f.tokens.display).post('/auth/logout');
      expect([device.status, device.body.error.code]).toEqual([403, 'forbidden']);
      expectStatus(await sys.counterDisplay[0].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`), 200);
    });
  });

  describe('PATCH and DELETE /users/:userId', () => {
    it('deactivating ends every token of the user on all three apps at once, and keeps the user for history', async () => {
      const f = await seedSite(sys);
      const u = await newSupervisor(f);
      const tokens = [await login(sys.triage, u.username, 'password-123'), await login(sys.ticketing, u.username, 'password-123')];
      const res = await admin().patch(`/users/${u.id}`, { active: false });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id: u.id, active: false });
      for (const t of tokens) expect(await statusEverywhere(f, t)).toEqual([401, 401, 401]);
      expect((await sys.triage.post('/auth/login', { username: u.username, password: 'password-123' })).status).toBe(401);

      // Active again: a new login works, the tokens from before stay ended.
      expectStatus(await admin().patch(`/users/${u.id}`, { active: true }), 200);
      expect(await statusEverywhere(f, await login(sys.triage, u.username, 'password-123'))).toEqual([200, 200, 200]);
      for (const t of tokens) expect(await statusEverywhere(f, t)).toEqual([401, 401, 401]);
    });

    it('DELETE deactivates: the user stays listed as inactive and their token stops everywhere', async () => {
      const f = await seedSite(sys);
      const u = await newSupervisor(f);
      const token = await login(sys.triage, u.username, 'password-123');
      const res = await admin().delete(`/users/${u.id}`);
      expectStatus(res, 200);
      expect(await statusEverywhere(f, token)).toEqual([401, 401, 401]);
      expect(await userOf(u.id)).toMatchObject({ username: u.username, active: false });
      expectStatus(await admin().delete(`/users/${u.id}`), 200);
    });

    it('changes the display name, re-hashes a new password (ending old tokens) and replaces the roles', async () => {
      const f = await seedSite(sys);
      const g = await seedSite(sys);
      const u = await newSupervisor(f);
      const before = await login(sys.triage, u.username, 'password-123');
      const res = await admin().patch(`/users/${u.id}`, { displayName: 'Kirsten', password: 'new-password-1', roles: [{ siteId: g.siteId, role: 'supervisor' }] });
      expectStatus(res, 200);
      expect(res.body).toEqual({ id: u.id, username: u.username, displayName: 'Kirsten', active: true, roles: [{ siteId: g.siteId, role: 'supervisor' }], municipalityAdmin: [] });
      expect(await statusEverywhere(f, before)).toEqual([401, 401, 401]);
      expect((await sys.triage.post('/auth/login', { username: u.username, password: 'password-123' })).status).toBe(401);
      const after = await login(sys.triage, u.username, 'new-password-1');
      expect(await statusEverywhere(g, after)).toEqual([200, 200, 200]);
      expect(await statusEverywhere(f, after)).toEqual([403, 403, 403]);
      // Only the name: password and roles stay as they were.
      expectStatus(await admin().patch(`/users/${u.id}`, { displayName: 'Kirsten B.' }), 200);
      expect(await userOf(u.id)).toMatchObject({ displayName: 'Kirsten B.', roles: [{ siteId: g.siteId, role: 'supervisor' }] });
      expect(await statusEverywhere(g, after)).toEqual([200, 200, 200]);
    });

    it('refuses every bad value of every field with a 400 and a code, exactly as POST does', async () => {
      const f = await seedSite(sys);
      const u = await newSupervisor(f);
      const bad: Record<string, unknown[]> = {
        displayName: ['', 'x'.repeat(101), 5, null, ['a'], {}],
        password: ['short', 'x'.repeat(201), 12345678, null, {}],
        municipalityAdmin: ['Aarhus Kommune', [5], [''], ['x'.repeat(121)], Array(21).fill('Aarhus Kommune'), {}],
        roles: ['admin', null, {}, [5], [null], [{ siteId: 'not-a-uuid', role: 'admin' }], [{ siteId: f.siteId, role: 'king' }], [{ siteId: f.siteId }], Array(101).fill({ siteId: f.siteId, role: 'floor' })],
      };
      for (const [field, values] of Object.entries(bad)) {
        for (const value of values) {
          const valid = { username: `bad-${++n}`, password: 'password-123', displayName: 'x', roles: [{ siteId: f.siteId, role: 'floor' }] };
          const created = await admin().post('/users', { ...valid, [field]: value });
          const patched = await admin().patch(`/users/${u.id}`, { [field]: value });
          const what = `${field}=${JSON.stringify(value)?.slice(0, 40)}`;
          expect([what, created.status]).toEqual([what, 400]);
          expect([what, patched.status, patched.body.error?.code]).toEqual([what, 400, created.body.error.code]);
        }
      }
      for (const body of [{ active: 'no' }, { active: null }, { active: 0 }, { username: 'renamed' }, { superAdmin: true }, 'not json', []]) {
        const res = await admin().patch(`/users/${u.id}`, body);
        expect([JSON.stringify(body), res.status, typeof res.body.error?.code]).toEqual([JSON.stringify(body), 400, 'string']);
      }
      const badId = await admin().patch('/users/not-a-uuid', { displayName: 'x' });
      expect([badId.status, typeof badId.body.error.code]).toEqual([400, 'string']);
      const unknown = await admin().patch('/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'user_not_found']);
      // Nothing of it stuck.
      expect(await userOf(u.id)).toMatchObject({ displayName: 'Supervisor', active: true, roles: [{ siteId: f.siteId, role: 'supervisor' }] });
      expect(await statusEverywhere(f, await login(sys.triage, u.username, 'password-123'))).toEqual([200, 200, 200]);
    });

    it('lets a site admin change only users whose roles all lie at sites they administer', async () => {
      const a = await seedSite(sys);
      const b = await seedSite(sys);
      const siteAdmin = await newSupervisor(a, [{ siteId: a.siteId, role: 'admin' }]);
      const api = sys.triage.as(await login(sys.triage, siteAdmin.username, 'password-123'));
      const ofA = await newSupervisor(a);
      const ofB = await newSupervisor(b);
      const ofBoth = await newSupervisor(a, [
        { siteId: a.siteId, role: 'supervisor' },
        { siteId: b.siteId, role: 'floor' },
      ]);
      const code = (r: Reply) => [r.status, r.body.error?.code];

      expectStatus(await api.patch(`/users/${ofA.id}`, { displayName: 'Fine' }), 200);
      expect(code(await api.patch(`/users/${ofA.id}`, { roles: [{ siteId: b.siteId, role: 'admin' }] }))).toEqual([403, 'forbidden']);
      expect(code(await api.patch(`/users/${ofB.id}`, { active: false }))).toEqual([403, 'forbidden']);
      expect(code(await api.delete(`/users/${ofB.id}`))).toEqual([403, 'forbidden']);
      expect(code(await api.patch(`/users/${ofBoth.id}`, { roles: [] }))).toEqual([403, 'user_outside_your_sites']);
      expect(code(await api.delete(`/users/${ofBoth.id}`))).toEqual([403, 'user_outside_your_sites']);
      // Staff without the admin role may not edit users at all.
      expect((await sys.triage.as(a.tokens.supervisor).patch(`/users/${ofA.id}`, { displayName: 'x' })).status).toBe(403);
      expect((await userOf(ofB.id)).active).toBe(true);
      expect(await userOf(ofBoth.id)).toMatchObject({ active: true, roles: expect.arrayContaining([{ siteId: b.siteId, role: 'floor' }]) });
    });

    it('lets a municipality administrator end the users of its own municipality only', async () => {
      const aarhus = await seedSite(sys, { municipality: 'Aarhus Kommune' });
      const odense = await seedSite(sys, { municipality: 'Odense Kommune' });
      const res = await admin().post('/users', { username: `aarhus-${++n}`, password: 'password-123', displayName: 'Aarhus', roles: [], municipalityAdmin: ['Aarhus Kommune'] });
      expectStatus(res, 201);
      const api = sys.triage.as(await login(sys.triage, res.body.username, 'password-123'));
      const ofAarhus = await newSupervisor(aarhus);
      const ofOdense = await newSupervisor(odense);
      const token = await login(sys.triage, ofAarhus.username, 'password-123');
      expectStatus(await api.delete(`/users/${ofAarhus.id}`), 200);
      expect(await statusEverywhere(aarhus, token)).toEqual([401, 401, 401]);
      expect((await api.delete(`/users/${ofOdense.id}`)).status).toBe(403);
      expect((await api.patch(`/users/${ofAarhus.id}`, { municipalityAdmin: ['Odense Kommune'] })).body.error.code).toBe('municipality_forbidden');
      expect((await userOf(ofOdense.id)).active).toBe(true);
    });

    it('never lets anyone deactivate the last installation administrator, and a site admin never touches one', async () => {
      const a = await seedSite(sys);
      const rootId = JSON.parse(Buffer.from(root.split('.')[1], 'base64url').toString()).sub;
      const siteAdmin = await newSupervisor(a, [{ siteId: a.siteId, role: 'admin' }]);
      const api = sys.triage.as(await login(sys.triage, siteAdmin.username, 'password-123'));
      expect((await api.delete(`/users/${rootId}`)).body.error.code).toBe('forbidden');
      // Even with a role at the admin's site, the installation administrator is out of their reach.
      expectStatus(await admin().patch(`/users/${rootId}`, { roles: [{ siteId: a.siteId, role: 'supervisor' }] }), 200);
      const refused = await api.delete(`/users/${rootId}`);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
      const self = await admin().delete(`/users/${rootId}`);
      expect([self.status, self.body.error.code]).toEqual([409, 'last_super_admin']);
      expect(await statusEverywhere(a, root)).toEqual([200, 200, 200]);
    });

    it('records who deactivated, reset, renamed, re-roled and logged out in the audit trail, never the password', async () => {
      const f = await seedSite(sys);
      const u = await newSupervisor(f);
      const token = await login(sys.triage, u.username, 'password-123');
      expectStatus(await sys.ticketing.as(token).post('/auth/logout'), 204);
      expectStatus(await admin().patch(`/users/${u.id}`, { displayName: 'Renamed', password: 'secret-password-9', roles: [{ siteId: f.siteId, role: 'floor' }] }), 200);
      expectStatus(await admin().delete(`/users/${u.id}`), 200);
      expectStatus(await admin().patch(`/users/${u.id}`, { active: true }), 200);
      const pg = new Client({ connectionString: sys.env.DATABASE_URL });
      await pg.connect();
      const { rows } = await pg.query(`SELECT action, actor_label, details FROM audit_entry WHERE subject_type = 'user' AND subject_id = $1 ORDER BY at, action`, [u.id]);
      await pg.end();
      expect(rows.map((r) => [r.action, r.actor_label])).toEqual([
        // The creation, written by the audit trail of every staff change (libs/platform audit-trail.interceptor.ts).
        ['POST /users', ADMIN.username],
        ['auth.logout', u.username],
        ['user.password-reset', ADMIN.username],
        ['user.renamed', ADMIN.username],
        ['user.roles-changed', ADMIN.username],
        ['user.deactivated', ADMIN.username],
        ['user.reactivated', ADMIN.username],
      ]);
      expect(rows.find((r) => r.action === 'user.roles-changed').details).toMatchObject({ from: [{ siteId: f.siteId, role: 'supervisor' }], to: [{ siteId: f.siteId, role: 'floor' }] });
      expect(JSON.stringify(rows)).not.toContain('secret-password-9');
    });

    it('two admins changing the same user at once leave one whole change, never a mix', async () => {
      const f = await seedSite(sys);
      const g = await seedSite(sys);
      const second = await newSupervisor(f, [
        { siteId: f.siteId, role: 'admin' },
        { siteId: g.siteId, role: 'admin' },
      ]);
      const other = sys.triage.as(await login(sys.triage, second.username, 'password-123'));
      for (let round = 0; round < 6; round++) {
        const u = await newSupervisor(f);
        const one = { displayName: `one-${round}`, roles: [{ siteId: f.siteId, role: 'floor' }, { siteId: g.siteId, role: 'counter' }] };
        const two = { displayName: `two-${round}`, roles: [{ siteId: g.siteId, role: 'supervisor' }, { siteId: f.siteId, role: 'counter' }, { siteId: f.siteId, role: 'floor' }] };
        const [r1, r2] = await Promise.all([admin().patch(`/users/${u.id}`, one), other.patch(`/users/${u.id}`, two)]);
        expectStatus(r1, 200);
        expectStatus(r2, 200);
        const now = await userOf(u.id);
        const sorted = (roles: { siteId: string; role: string }[]) => [...roles].map((r) => `${r.siteId}/${r.role}`).sort();
        const seen = { displayName: now.displayName, roles: sorted(now.roles) };
        expect([{ displayName: one.displayName, roles: sorted(one.roles) }, { displayName: two.displayName, roles: sorted(two.roles) }]).toContainEqual(seen);
      }
    });
  });
});
