import { login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';

/** GET /auth/me: every staff page shows who is signed in, with today's name and roles, on any of the three apps. */
describe('who is signed in', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('answers with the name and roles as they are now, on every app; a renamed user shows the new name', async () => {
    const f = await seedSite(sys);
    const root = await login(sys.triage, ADMIN.username, ADMIN.password);
    const created = await sys.triage.as(root).post('/users', { username: `me-${f.slug}`, password: 'password-123', displayName: 'Mette Holm', roles: [{ siteId: f.siteId, role: 'counter' }] });
    expectStatus(created, 201);
    const token = await login(sys.counterDisplay[0], `me-${f.slug}`, 'password-123');
    for (const app of [sys.triage, sys.ticketing, sys.counterDisplay[0]]) {
      const me = await app.as(token).get('/auth/me');
      expectStatus(me, 200);
      expect(me.body).toEqual({ id: created.body.id, username: `me-${f.slug}`, displayName: 'Mette Holm', roles: [{ siteId: f.siteId, role: 'counter' }] });
    }
    expectStatus(await sys.triage.as(root).patch(`/users/${created.body.id}`, { displayName: 'Mette H. Holm' }), 200);
    expect((await sys.triage.as(token).get('/auth/me')).body.displayName).toBe('Mette H. Holm');
  });

  it('refuses with 401 a missing, forged or ended token, and a device token', async () => {
    const f = await seedSite(sys);
    const token = await login(sys.triage, ADMIN.username, ADMIN.password);
    expectStatus(await sys.triage.as(token).post('/auth/logout'), 204);
    for (const t of [token, 'forged.token.here', f.tokens.kiosk]) {
      const res = await sys.triage.as(t).get('/auth/me');
      expectStatus(res, 401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    const anonymous = await sys.triage.get('/auth/me');
    expectStatus(anonymous, 401);
  });
});
