import { Client } from 'pg';
import { DomainError } from '../../libs/domain/src';
import { ExternalIdentity, SsoSignInService } from '../../libs/auth/src';
import { SsoHandoff } from '../../libs/platform/src';
import { closeAllSockets, subscribed } from '../realtime/sockets';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';

/**
 * The shared step of every single sign-on (OIDC, SAML): the user of an
 * identity is created or updated with the roles its claims map to, gets a
 * short-lived staff token valid on all three apps, and is deactivated (every
 * token and socket ended) when no role maps any more. Audited throughout.
 */
describe('single sign-on: the user behind an external identity', () => {
  let sys: TestSystem;
  let root: string;
  let sso: SsoSignInService;
  let db: Client;
  let f: SiteFixture;

  beforeAll(async () => {
    sys = await startSystem({ env: { SSO_TOKEN_MINUTES: '5' } });
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
    sso = sys.apps[0].get(SsoSignInService);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    f = await seedSite(sys);
    expectStatus(await sys.triage.as(root).put('/sso/role-mapping', { entries: [{ claim: 'Skranke.Floor', siteId: f.siteId, role: 'floor' }] }), 200);
  });
  afterAll(async () => {
    closeAllSockets();
    await db.end();
    await sys.stop();
  });

  let n = 0;
  const identity = (roleClaims: string[], over: Partial<ExternalIdentity> = {}): ExternalIdentity => ({
    provider: 'oidc',
    issuer: 'https://login.example.dk/tenant',
    subject: `subject-${process.pid}-${++n}`,
    displayName: 'Karen Skranke',
    email: `karen${n}@kommune.example.dk`,
    roleClaims,
    ...over,
  });
  const refusal = (p: Promise<unknown>) => p.then(() => 'signed in', (e: DomainError) => `${e.kind} ${e.code}`);
  /** What the token gets on each app: triage, ticketing, counter-display. */
  const statusEverywhere = async (token: string) =>
    (
      await Promise.all([
        sys.triage.as(token).get(`/sites/${f.siteId}/floor-state`),
        sys.ticketing.as(token).get(`/sites/${f.siteId}/appointments`),
        sys.counterDisplay[0].as(token).get(`/sites/${f.siteId}/display-state`),
      ])
    ).map((r) => r.status);
  const auditOf = async (userId: string) => (await db.query('SELECT action, details FROM audit_entry WHERE subject_id = $1 ORDER BY at, action', [userId])).rows;

  it('creates the user with the mapped roles and the convention\'s, and gives a short-lived token good on all three apps', async () => {
    const id = identity(['Skranke.Floor', `skranke:${f.slug}:supervisor`, 'Some.Other.App']);
    const before = Date.now();
    const result = await sso.signIn(id, { address: '10.1.2.3' });
    expect(result.user.username).toBe(id.email);
    expect(result.expiresIn).toBe(300);
    const exp = JSON.parse(Buffer.from(result.accessToken.split('.')[1], 'base64url').toString()).exp * 1000;
    expect(exp - before).toBeGreaterThan(290_000);
    expect(exp - before).toBeLessThan(310_000);
    expect(result.refreshToken).toMatch(/^skr_/);
    const me = await sys.counterDisplay[0].as(result.accessToken).get('/auth/me');
    expectStatus(me, 200);
    expect(me.body).toMatchObject({ id: result.user.id, displayName: 'Karen Skranke' });
    expect(me.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['floor', 'supervisor']);
    expect(await statusEverywhere(result.accessToken)).toEqual([200, 200, 200]);
    // Nobody can use a password for this user.
    expect((await sys.triage.post('/auth/login', { username: id.email, password: '!sso' })).status).toBe(401);
    expect((await auditOf(result.user.id)).map((a) => a.action).sort()).toEqual(['auth.sso-signed-in', 'user.created']);

    // The same identity again is the same user; an administrator sees it in the list.
    const again = await sso.signIn({ ...id, displayName: 'Karen S. Skranke' });
    expect(again.user.id).toBe(result.user.id);
    const listed = (await sys.triage.as(root).get('/users')).body.find((u: { id: string }) => u.id === result.user.id);
    expect(listed).toMatchObject({ username: id.email, displayName: 'Karen S. Skranke', active: true });
  });

  it('a sign-in without any mapped role is refused and creates nobody', async () => {
    const id = identity(['Some.Other.App', `skranke:${f.slug}:superuser`, 'skranke:no-such-site:admin']);
    expect(await refusal(sso.signIn(id))).toBe('forbidden sso_no_role');
    expect((await db.query('SELECT count(*)::int AS n FROM sso_identity WHERE subject = $1', [id.subject])).rows[0].n).toBe(0);
    expect((await db.query(`SELECT action, subject_type, details->>'reason' AS reason FROM audit_entry WHERE subject_id = $1`, [id.subject])).rows).toEqual([
      { action: 'auth.sso-refused', subject_type: 'sso-subject', reason: 'sso_no_role' },
    ]);
  });

  it('a role gone at the provider: fewer roles at the next sign-in, and none deactivates at once (tokens, sockets, refresh); a role back reactivates', async () => {
    const id = identity(['Skranke.Floor', `skranke:${f.slug}:counter`]);
    const first = await sso.signIn(id);
    const socket = await subscribed(sys.counterDisplayUrls[0], first.accessToken, { siteId: f.siteId, channel: 'floor' });
    const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));

    const fewer = await sso.signIn({ ...id, roleClaims: [`skranke:${f.slug}:counter`] });
    expect((await sys.triage.as(fewer.accessToken).get('/auth/me')).body.roles).toEqual([{ siteId: f.siteId, role: 'counter' }]);
    // The floor role went: the socket on the floor channel is closed (it may reconnect with what is left).
    expect(await closed).toBe('io server disconnect');
    // The token itself still works (on the display, a counter's right), the floor is no longer theirs.
    expect(await statusEverywhere(first.accessToken)).toEqual([403, 403, 200]);

    expect(await refusal(sso.signIn({ ...id, roleClaims: [] }))).toBe('forbidden sso_no_role');
    for (const token of [first.accessToken, fewer.accessToken]) expect(await statusEverywhere(token)).toEqual([401, 401, 401]);
    expect(await refusal(sso.refresh(fewer.refreshToken!))).toBe('unauthenticated sso_session_ended');
    const user = (await sys.triage.as(root).get('/users')).body.find((u: { id: string }) => u.id === first.user.id);
    expect(user).toMatchObject({ active: false });
    expect((await auditOf(first.user.id)).map((a) => a.action)).toContain('user.deactivated');

    const back = await sso.signIn(id);
    expect(back.user.id).toBe(first.user.id);
    expect(await statusEverywhere(back.accessToken)).toEqual([200, 200, 200]);
    expect((await auditOf(first.user.id)).map((a) => a.action)).toContain('user.reactivated');
  });

  it('a user an administrator deactivated stays deactivated whatever the provider says', async () => {
    const id = identity(['Skranke.Floor']);
    const { user } = await sso.signIn(id);
    expectStatus(await sys.triage.as(root).delete(`/users/${user.id}`), 200);
    expect(await refusal(sso.signIn(id))).toBe('forbidden user_deactivated');
  });

  it('two sign-ins of a new identity at once make one user', async () => {
    const id = identity(['Skranke.Floor']);
    const results = await Promise.all(Array.from({ length: 4 }, () => sso.signIn(id)));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect((await db.query('SELECT count(*)::int AS n FROM sso_identity WHERE subject = $1', [id.subject])).rows[0].n).toBe(1);
  });

  it('a refresh token is good once: the answer carries the next, and of two refreshes at once one wins', async () => {
    const first = await sso.signIn(identity(['Skranke.Floor']));
    const second = await sso.refresh(first.refreshToken!);
    expect(await statusEverywhere(second.accessToken)).toEqual([200, 200, 200]);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await refusal(sso.refresh(first.refreshToken!))).toBe('unauthenticated sso_session_ended');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => refusal(sso.refresh(second.refreshToken!))));
    expect(outcomes.sort()).toEqual(['signed in', ...Array(4).fill('unauthenticated sso_session_ended')]);
    expect(await refusal(sso.refresh('skr_nonsense'))).toBe('unauthenticated sso_session_ended');
  });

  it('a refresh asks the provider again (with its refresh token, kept encrypted) and applies the roles it gives now', async () => {
    const id = identity(['Skranke.Floor'], { provider: 'saml', issuer: 'https://refresher.example.dk' });
    let claimsNow = [`skranke:${f.slug}:supervisor`];
    const asked: string[] = [];
    sso.registerRefresher('saml', async (providerToken) => {
      asked.push(providerToken);
      return { identity: { ...id, roleClaims: claimsNow }, refreshToken: `provider-refresh-${asked.length + 1}` };
    });
    const first = await sso.signIn(id, { providerRefreshToken: 'provider-refresh-1' });
    const stored = (await db.query('SELECT provider_refresh_token FROM sso_session WHERE user_id = $1', [first.user.id])).rows[0].provider_refresh_token;
    expect(stored).not.toContain('provider-refresh-1');

    const second = await sso.refresh(first.refreshToken!);
    expect((await sys.triage.as(second.accessToken).get('/auth/me')).body.roles).toEqual([{ siteId: f.siteId, role: 'supervisor' }]);
    claimsNow = [];
    expect(await refusal(sso.refresh(second.refreshToken!))).toBe('forbidden sso_no_role');
    expect(asked).toEqual(['provider-refresh-1', 'provider-refresh-2']);
    expect(await statusEverywhere(second.accessToken)).toEqual([401, 401, 401]);
  });

  it('refuses an identity it cannot use with a code', async () => {
    expect(await refusal(sso.signIn(identity(['Skranke.Floor'], { subject: '' })))).toBe('invalid sso_identity_invalid');
    expect(await refusal(sso.signIn(identity(['x'.repeat(401)])))).toBe('invalid sso_identity_invalid');
    expect(await refusal(sso.signIn({ ...identity(['Skranke.Floor']), provider: 'ldap' as never }))).toBe('invalid sso_identity_invalid');
  });

  it('two administrators saving the mapping at once: each keeps to their sites, and one site\'s mapping is one whole save', async () => {
    const g = await seedSite(sys);
    const h = await seedSite(sys);
    const siteAdmin = async (site: SiteFixture) => {
      const username = `admin-of-${site.slug}`;
      expectStatus(await sys.triage.as(root).post('/users', { username, password: 'password-123', displayName: 'Admin', roles: [{ siteId: site.siteId, role: 'admin' }] }), 201);
      return login(sys.triage, username, 'password-123');
    };
    const [gAdmin, hAdmin] = [await siteAdmin(g), await siteAdmin(h)];
    const entries = (site: SiteFixture, claim: string) => ({ entries: [{ claim, siteId: site.siteId, role: 'floor' }, { claim: `${claim}.2`, siteId: site.siteId, role: 'counter' }] });
    const saves = await Promise.all([
      sys.triage.as(gAdmin).put('/sso/role-mapping', entries(g, 'G.Admin')),
      sys.triage.as(hAdmin).put('/sso/role-mapping', entries(h, 'H.Admin')),
      // The installation's administrator administers every site: their save replaces the whole mapping (f's entry kept).
      sys.triage.as(root).put('/sso/role-mapping', { entries: [{ claim: 'Skranke.Floor', siteId: f.siteId, role: 'floor' }, ...entries(g, 'G.Root').entries, ...entries(h, 'H.Root').entries] }),
    ]);
    for (const r of saves) expectStatus(r, 200);
    const all = (await sys.triage.as(root).get('/sso/role-mapping')).body.entries as { claim: string; siteId: string }[];
    for (const site of [g, h]) {
      const claims = all.filter((e) => e.siteId === site.siteId).map((e) => e.claim.replace(/\.2$/, ''));
      expect(claims).toHaveLength(2);
      expect(new Set(claims).size).toBe(1);
    }
    // An admin of one site sees and may save only that site's entries.
    const seen = (await sys.triage.as(gAdmin).get('/sso/role-mapping')).body.entries;
    expect(seen.map((e: { siteId: string }) => e.siteId)).toEqual([g.siteId, g.siteId]);
    const other = await sys.triage.as(gAdmin).put('/sso/role-mapping', entries(h, 'X'));
    expect([other.status, other.body.error.code]).toEqual([403, 'forbidden']);
    const unknown = await sys.triage.as(root).put('/sso/role-mapping', { entries: [{ claim: 'X', siteId: '00000000-0000-4000-8000-000000000000', role: 'floor' }] });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'site_not_found']);
  });

  describe('the pages\' endpoints, on all three apps', () => {
    const apps = () => [sys.triage, sys.ticketing, sys.counterDisplay[0]];

    it('POST /auth/sso/exchange gives the tokens for a one-time code once, on any app', async () => {
      const result = await sso.signIn(identity(['Skranke.Floor']));
      const handoff = sys.apps[0].get(SsoHandoff);
      const code = await handoff.offer(result);
      const first = await sys.counterDisplay[0].post('/auth/sso/exchange', { code });
      expectStatus(first, 200);
      expect(first.body).toEqual(result);
      for (const api of apps()) {
        const again = await api.post('/auth/sso/exchange', { code });
        expect([again.status, again.body.error.code]).toEqual([401, 'sso_code_invalid']);
      }
      expect((await sys.triage.post('/auth/sso/exchange', {})).status).toBe(400);
    });

    it('POST /auth/refresh renews on any app, and refuses what is not a live refresh token with a code', async () => {
      const result = await sso.signIn(identity(['Skranke.Floor']));
      const renewed = await sys.ticketing.post('/auth/refresh', { refreshToken: result.refreshToken });
      expectStatus(renewed, 200);
      expect(await statusEverywhere(renewed.body.accessToken)).toEqual([200, 200, 200]);
      for (const api of apps()) {
        const used = await api.post('/auth/refresh', { refreshToken: result.refreshToken });
        expect([used.status, used.body.error.code]).toEqual([401, 'sso_session_ended']);
      }
      expect((await sys.triage.post('/auth/refresh', { refreshToken: 7 })).status).toBe(400);
    });

    it('logging out ends the sign-in too: its refresh token gives no new token', async () => {
      const result = await sso.signIn(identity(['Skranke.Floor']));
      const other = await sso.signIn(identity(['Skranke.Floor']));
      expectStatus(await sys.counterDisplay[0].as(result.accessToken).post('/auth/logout'), 204);
      const refused = await sys.triage.post('/auth/refresh', { refreshToken: result.refreshToken });
      expect([refused.status, refused.body.error.code]).toEqual([401, 'sso_session_ended']);
      // Another sign-in's session is not touched.
      expectStatus(await sys.triage.post('/auth/refresh', { refreshToken: other.refreshToken }), 200);
    });

    it('without OIDC_ISSUER no provider is offered and the OIDC routes say so', async () => {
      for (const api of apps()) expect((await api.get('/auth/providers')).body).toEqual({ providers: [] });
      const login = await sys.triage.get('/auth/oidc/login?returnTo=/floor/x');
      expect([login.status, login.body.error.code]).toEqual([404, 'oidc_not_configured']);
      const callback = await sys.triage.get('/auth/oidc/callback?code=x&state=y');
      expect([callback.status, callback.body.error.code]).toEqual([400, 'oidc_transaction_missing']);
    });
  });
});
