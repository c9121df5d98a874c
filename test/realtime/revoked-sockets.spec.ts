import { Client } from 'pg';
import { SiteFixture, issueTickets, login, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { TestSocket, closeAllSockets, openSocket, request, sleep, subscribed, waitFor } from './sockets';

/**
 * Ending access ends the live feed too: a revoked display, a deactivated user,
 * a logged-out token or a removed role closes the affected sockets on every
 * counter-display instance within a second, and a socket whose token has
 * ended gets no more `subscribe` or `sync` answers.
 */
describe('sockets of revoked devices, users and tokens', () => {
  let sys: TestSystem;
  let root: string;

  beforeAll(async () => {
    sys = await startSystem({ counterDisplayInstances: 2 });
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    closeAllSockets();
    await sys.stop();
  });

  const urls = () => sys.counterDisplayUrls;
  type Watched = TestSocket & { seq: number; closedBy: Promise<string> };

  /** A subscribed socket on each instance, recording why it was closed. */
  async function onEveryInstance(token: string, siteId: string, channel: string): Promise<Watched[]> {
    return Promise.all(
      urls().map(async (url) => {
        const s = await subscribed(url, token, { siteId, channel });
        return { ...s, closedBy: new Promise<string>((resolve) => s.socket.once('disconnect', resolve)) };
      }),
    );
  }

  /** Each socket is closed by the server within a second of `since` (when the change was answered). */
  async function closedWithinASecond(sockets: Watched[], since: number): Promise<void> {
    for (const s of sockets) {
      const reason = await Promise.race([s.closedBy, sleep(Math.max(0, since + 1000 - Date.now())).then(() => 'still open after 1 s')]);
      expect(reason).toBe('io server disconnect');
    }
  }

  /** After a ticket is issued, the live sockets see it and the closed ones saw nothing more (and stay closed). */
  async function onlyLiveOnesHear(f: SiteFixture, live: TestSocket[], closed: TestSocket[]): Promise<void> {
    const before = closed.map((s) => s.events.length);
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 1);
    for (const s of live) await waitFor('the new ticket on a live socket', () => s.events.some((e) => e.type === 'ticket.issued' && e.number === ticket.number));
    expect(closed.map((s) => s.events.length)).toEqual(before);
    expect(closed.map((s) => s.socket.connected)).toEqual(closed.map(() => false));
  }

  async function refusedAtHandshake(token: string): Promise<void> {
    for (const url of urls()) {
      const s = openSocket(url, token);
      const error = new Promise<{ code: string }>((resolve) => s.socket.on('error' as never, resolve));
      expect(await new Promise<string>((resolve) => s.socket.on('disconnect', resolve))).toBe('io server disconnect');
      expect(await error).toEqual(expect.objectContaining({ code: 'unauthenticated' }));
    }
  }

  async function newDisplay(f: SiteFixture): Promise<{ id: string; token: string }> {
    const res = await sys.triage.as(root).post(`/sites/${f.siteId}/devices`, { kind: 'display', name: `display ${Math.random()}` });
    expectStatus(res, 201);
    return res.body;
  }

  it('a revoked display is cut off on both instances within a second; another display keeps streaming', async () => {
    const f = await seedSite(sys);
    const doomed = await newDisplay(f);
    const revoked = await onEveryInstance(doomed.token, f.siteId, 'display');
    const other = await onEveryInstance(f.tokens.display, f.siteId, 'display');

    expectStatus(await sys.triage.as(root).delete(`/sites/${f.siteId}/devices/${doomed.id}`), 200);
    await closedWithinASecond(revoked, Date.now());
    await onlyLiveOnesHear(f, other, revoked);
    await refusedAtHandshake(doomed.token);
  });

  it('a deactivated user is cut off on both instances within a second, on every channel', async () => {
    const f = await seedSite(sys);
    const counterSockets = [...(await onEveryInstance(f.tokens.counter, f.siteId, 'counter')), ...(await onEveryInstance(f.tokens.counter, f.siteId, 'display'))];
    const floor = await onEveryInstance(f.tokens.floor, f.siteId, 'floor');
    const users = (await sys.triage.as(root).get('/users')).body as { id: string; username: string }[];
    const counterUser = users.find((u) => u.username === `counter-${f.slug}`)!;

    expectStatus(await sys.triage.as(root).delete(`/users/${counterUser.id}`), 200);
    await closedWithinASecond(counterSockets, Date.now());
    await onlyLiveOnesHear(f, floor, counterSockets);
    await refusedAtHandshake(f.tokens.counter);
  });

  it('logout cuts off the sockets of that token only; the same user signed in elsewhere keeps streaming', async () => {
    const f = await seedSite(sys);
    const other = await login(sys.counterDisplay[1], `supervisor-${f.slug}`, 'password-123');
    const ended = await onEveryInstance(f.tokens.supervisor, f.siteId, 'floor');
    const kept = await onEveryInstance(other, f.siteId, 'floor');

    expectStatus(await sys.triage.as(f.tokens.supervisor).post('/auth/logout'), 204);
    await closedWithinASecond(ended, Date.now());
    await onlyLiveOnesHear(f, kept, ended);
    await refusedAtHandshake(f.tokens.supervisor);
  });

  it('a removed role closes the user\'s sockets; reconnected, they get only what the remaining roles allow', async () => {
    const f = await seedSite(sys);
    const res = await sys.triage.as(root).post('/users', {
      username: `two-roles-${f.slug}`,
      password: 'password-123',
      displayName: 'Two roles',
      roles: [{ siteId: f.siteId, role: 'floor' }, { siteId: f.siteId, role: 'counter' }],
    });
    expectStatus(res, 201);
    const token = await login(sys.triage, `two-roles-${f.slug}`, 'password-123');
    const sockets = await onEveryInstance(token, f.siteId, 'floor');

    expectStatus(await sys.triage.as(root).patch(`/users/${res.body.id}`, { roles: [{ siteId: f.siteId, role: 'counter' }] }), 200);
    await closedWithinASecond(sockets, Date.now());
    for (const url of urls()) {
      const again = await subscribed(url, token, { siteId: f.siteId, channel: 'counter' });
      expect(await request(again.socket, 'subscribe', { siteId: f.siteId, channel: 'floor' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('a socket whose token ended without a live cut-off (revoked in the database) gets no sync or subscribe answer', async () => {
    const f = await seedSite(sys);
    const doomed = await newDisplay(f);
    const [a, b] = await onEveryInstance(doomed.token, f.siteId, 'display');
    expect(await request(a.socket, 'sync', { siteId: f.siteId, sinceSeq: a.seq })).toMatchObject({ ok: true });

    // As an operator would with psql: the row changes, the change notice reaches every instance, no socket is told.
    const pg = new Client({ connectionString: sys.env.DATABASE_URL });
    await pg.connect();
    await pg.query('UPDATE device SET revoked_at = now() WHERE id = $1', [doomed.id]);
    await pg.end();

    await waitFor('the revocation to be seen', async () => {
      const res = await sys.counterDisplay[0].as(doomed.token).get(`/sites/${f.siteId}/display-state`);
      return res.status === 401;
    });
    expect(await request(a.socket, 'sync', { siteId: f.siteId, sinceSeq: a.seq })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await request(b.socket, 'subscribe', { siteId: f.siteId, channel: 'display' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await a.closedBy).toBe('io server disconnect');
    expect(await b.closedBy).toBe('io server disconnect');
    await onlyLiveOnesHear(f, [], [a, b]);
  });
});
