/**
 * One staff member works at a counter at a time (counter_hold): a second one is
 * refused `counter_held` with the holder's name, may take over (audited, the
 * first told on their sockets at once), and the first's counter actions are
 * refused from then on. Two opening a free counter at the same moment: one holds it.
 */
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { SiteFixture, issueTickets, login, openCounter, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

describe('counter hold and takeover', () => {
  let sys: TestSystem;
  let f: SiteFixture;
  let db: Client;
  let first: Api;
  let second: Api;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    sys = await startSystem();
    f = await seedSite(sys);
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    const admin = sys.triage.as(f.tokens.admin);
    expectStatus(await admin.post('/users', { username: `birthe-${f.slug}`, password: 'password-123', displayName: 'Birthe Jensen', roles: [{ siteId: f.siteId, role: 'counter' }] }), 201);
    first = sys.counterDisplay[0].as(f.tokens.counter);
    second = sys.counterDisplay[0].as(await login(sys.triage, `birthe-${f.slug}`, 'password-123'));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.end();
    await sys?.stop();
  });

  it('refuses a second user with the holder’s name; a takeover moves the hold, is audited, tells the first at once, and refuses the first from then on', async () => {
    const counter = f.counters[0].id;
    await openCounter(sys, f, counter);
    const [ticket] = await issueTickets(sys, f, f.services[0].id, 2);
    const taken = await first.post(`/counters/${counter}/hold`);
    expectStatus(taken, 200);
    expect(taken.body).toMatchObject({ counterId: counter, userName: 'counter user' });
    // Taking it again (a reload) keeps it.
    expectStatus(await first.post(`/counters/${counter}/hold`), 200);
    const called = await first.post(`/counters/${counter}/call-next`);
    expectStatus(called, 200);

    const refused = await second.post(`/counters/${counter}/hold`);
    expectStatus(refused, 409);
    expect(refused.body.error).toMatchObject({ code: 'counter_held', details: { userName: 'counter user', counterName: 'Skranke 1' } });
    const acting = await second.post(`/counters/${counter}/call-next`);
    expectStatus(acting, 409);
    expect(acting.body.error.code).toBe('counter_held');

    const { notice } = await listen(f.tokens.counter);
    const takeover = await second.post(`/counters/${counter}/hold`, { takeover: true });
    expectStatus(takeover, 200);
    expect(takeover.body.userName).toBe('Birthe Jensen');
    expect(await notice).toEqual({ counterId: counter, counterName: 'Skranke 1', userName: 'Birthe Jensen' });

    const current = await first.get(`/counters/${counter}/current`);
    expect(current.body.hold).toMatchObject({ userName: 'Birthe Jensen' });
    for (const [path, body] of [
      [`/counters/${counter}/call-next`, {}],
      [`/counters/${counter}/pause`, {}],
      [`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }],
    ] as const) {
      const res = await first.post(path, body);
      expectStatus(res, 409);
      expect(res.body.error).toMatchObject({ code: 'counter_held', details: { userName: 'Birthe Jensen' } });
    }
    // Letting go of a counter another holds changes nothing.
    expectStatus(await first.delete(`/counters/${counter}/hold`), 204);
    expectStatus(await second.post(`/tickets/${called.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
    expect(ticket.id).toBe(called.body.ticket.id);

    const { rows } = await db.query(`SELECT actor_label, details FROM audit_entry WHERE action = 'counter.taken_over' AND subject_id = $1`, [counter]);
    expect(rows).toEqual([{ actor_label: `birthe-${f.slug}`, details: expect.objectContaining({ counterName: 'Skranke 1', fromUserName: 'counter user' }) }]);

    expectStatus(await second.delete(`/counters/${counter}/hold`), 204);
    expect((await first.get(`/counters/${counter}/current`)).body.hold).toBeNull();
  });

  it('of two users taking a free counter at the same moment, exactly one holds it', async () => {
    for (let round = 0; round < 10; round++) {
      const counter = f.counters[1].id;
      const [a, b] = await Promise.all([first.post(`/counters/${counter}/hold`), second.post(`/counters/${counter}/hold`)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      const loser = a.status === 200 ? b : a;
      expect(loser.body.error.details.userName).toBe(winner.body.userName);
      expectStatus(await (a.status === 200 ? first : second).delete(`/counters/${counter}/hold`), 204);
    }
  });

  /** A connected socket of this token's user, and the first `counter.taken-over` notice it hears. */
  function listen(token: string): Promise<{ notice: Promise<unknown> }> {
    const socket = io(sys.counterDisplayUrls[0], { path: '/socket.io', transports: ['websocket'], auth: { token } });
    sockets.push(socket);
    const notice = new Promise((resolve, reject) => {
      socket.on('counter.taken-over', resolve);
      setTimeout(() => reject(new Error('no takeover notice within 5 s')), 5000).unref();
    });
    notice.catch(() => undefined);
    // The hub joins the user's room while connecting; its answer to a subscribe comes after that.
    return new Promise((resolve) => socket.on('connect', () => socket.emit('subscribe', { siteId: f.siteId, channel: 'counter' }, () => resolve({ notice }))));
  }
});
