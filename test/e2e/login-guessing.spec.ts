/**
 * Staff login cannot be guessed without limit (libs/platform login-limiter.ts):
 * per username, wrong passwords soon have to wait (429 `login_throttled`) and
 * then lock the username (429 `login_locked`, the right password refused too)
 * until the lock period passes or an admin unlocks it; per client address,
 * many failures over any usernames lock the address. Every refusal carries
 * `Retry-After`; counts live in Redis, so every app and instance agrees; locks
 * and unlocks are audited. Time moves with the apps' clock, not with sleeps.
 */
import { DataSource } from 'typeorm';
import { Clock } from '../../libs/core/src/clock';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { ADMIN, TestSystem, startSystem } from '../support/system';

/** Stands still unless moved, so the waits the answers name are exact however slow the machine. */
class ManualClock extends Clock {
  private at = Date.now();
  now() {
    return new Date(this.at);
  }
  advance(seconds: number) {
    this.at += seconds * 1000;
  }
}

const PASSWORD = 'password-123';
const LOCK_SECONDS = 15 * 60;

describe('login guessing', () => {
  const clock = new ManualClock();
  let sys: TestSystem;
  let site: SiteFixture;
  let apps: Api[];
  let addresses = 0;
  /** Each test guesses from its own client address (as the trusted proxy's X-Forwarded-For), so address counts stay apart. */
  const client = () => {
    const address = `198.51.100.${++addresses}`;
    return {
      address,
      login: (api: Api, username: string, password: string) =>
        api.request('POST', '/auth/login', { username, password }, { 'x-forwarded-for': address }),
    };
  };
  const newUser = async (name: string, role = 'counter', at = site) => {
    const username = `${name}-${at.slug}`;
    const res = await sys.triage
      .as(at.tokens.admin)
      .post('/users', { username, password: PASSWORD, displayName: name, roles: [{ siteId: at.siteId, role }] });
    expectStatus(res, 201);
    return { id: res.body.id as string, username };
  };
  const audit = (action: string) =>
    sys.apps[0]
      .get(DataSource)
      .query(`SELECT actor_kind, actor_id, actor_label, subject_type, subject_id, details FROM audit_entry WHERE action = $1 ORDER BY at`, [
        action,
      ]);
  const refusal = (r: Reply) => ({
    status: r.status,
    code: r.body?.error?.code,
    retryAfter: Number(r.headers.get('retry-after')),
    inBody: r.body?.error?.details?.retryAfterSeconds,
  });

  beforeAll(async () => {
    sys = await startSystem({ clock, env: { TRUST_PROXY: 'loopback' } });
    site = await seedSite(sys);
    // The apps share one Redis: an attempt on any of them counts on all.
    apps = [sys.triage, sys.ticketing, sys.counterDisplay[0]];
  });
  afterAll(() => sys?.stop());

  it('lets a few wrong passwords through, then makes each wait twice as long, then locks the username on every app, the right password included', async () => {
    const user = await newUser('guessed');
    const { address, login: attempt } = client();
    let n = 0;
    const guess = () => attempt(apps[n++ % apps.length], user.username, 'wrong-guess');

    // A right password clears the count: the failures before it are forgotten.
    for (let i = 0; i < 4; i++) expect((await guess()).status).toBe(401);
    expectStatus(await attempt(sys.ticketing, user.username, PASSWORD), 200);
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(401);

    for (const wait of [1, 2, 4, 8]) {
      expect(refusal(await guess())).toEqual({ status: 429, code: 'login_throttled', retryAfter: wait, inBody: wait });
      clock.advance(wait);
      expect((await guess()).status).toBe(401);
    }
    expect(refusal(await guess())).toEqual({ status: 429, code: 'login_throttled', retryAfter: 16, inBody: 16 });
    clock.advance(16);
    expect((await guess()).status).toBe(401); // the tenth wrong password in a row

    for (const api of apps) {
      expect(refusal(await attempt(api, user.username, PASSWORD))).toEqual({
        status: 429,
        code: 'login_locked',
        retryAfter: LOCK_SECONDS,
        inBody: LOCK_SECONDS,
      });
    }
    expect((await audit('login.locked')).filter((e: { subject_id: string }) => e.subject_id === user.id)).toEqual([
      {
        actor_kind: 'anonymous',
        actor_id: null,
        actor_label: address,
        subject_type: 'user',
        subject_id: user.id,
        details: { username: user.username, failures: 10, lockMinutes: 15 },
      },
    ]);

    // The lock ends by itself after the lock period.
    clock.advance(LOCK_SECONDS - 60);
    expect(refusal(await attempt(sys.triage, user.username, PASSWORD))).toMatchObject({ code: 'login_locked', retryAfter: 60 });
    clock.advance(60);
    expectStatus(await attempt(sys.triage, user.username, PASSWORD), 200);
  });

  it('lets no more than the free failures through when 50 guesses arrive at once on two instances of an app', async () => {
    const user = await newUser('at-once');
    const { login: attempt } = client();
    const second = await sys.startExtra('triage');
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_v, i) => attempt(i % 2 ? second.api : sys.triage, user.username, `guess-${i}`)),
    );
    const codes = replies.map((r) => (r.status === 401 ? 'checked' : r.body.error.code));
    expect(codes.filter((c) => c === 'checked')).toHaveLength(5);
    expect(codes.filter((c) => c === 'login_throttled')).toHaveLength(45);
    expect(replies.every((r) => r.status === 401 || r.headers.get('retry-after') === '1')).toBe(true);

    // Walk it up to the lock, then 50 at once with the right password among them: all refused.
    for (const wait of [1, 2, 4, 8, 16]) {
      clock.advance(wait);
      expect((await attempt(second.api, user.username, 'wrong-guess')).status).toBe(401);
    }
    const locked = await Promise.all(
      Array.from({ length: 50 }, (_v, i) => attempt(i % 2 ? second.api : sys.triage, user.username, i === 25 ? PASSWORD : 'wrong')),
    );
    expect(new Set(locked.map((r) => r.body.error.code))).toEqual(new Set(['login_locked']));
    expect(await audit('login.locked')).toEqual(
      expect.arrayContaining([expect.objectContaining({ subject_id: user.id, details: expect.objectContaining({ failures: 10 }) })]),
    );
    expect((await audit('login.locked')).filter((e: { subject_id: string }) => e.subject_id === user.id)).toHaveLength(1);
  });

  it('is unlocked by an admin of a site where the user works (audited), and by no one else', async () => {
    const user = await newUser('unlocked');
    const { login: attempt } = client();
    for (const wait of [0, 0, 0, 0, 0, 1, 2, 4, 8, 16]) {
      clock.advance(wait);
      expect((await attempt(sys.counterDisplay[0], user.username, 'wrong-guess')).status).toBe(401);
    }
    expect((await attempt(sys.triage, user.username, PASSWORD)).body.error.code).toBe('login_locked');

    // A supervisor of the site is no admin; an admin of another site does not administer this user.
    const other = await seedSite(sys);
    const otherAdmin = await login(sys.triage, (await newUser('admin', 'admin', other)).username, PASSWORD);
    expect((await sys.triage.as(site.tokens.supervisor).post(`/users/${user.id}/unlock`)).status).toBe(403);
    expect((await sys.triage.as(otherAdmin).post(`/users/${user.id}/unlock`)).status).toBe(403);
    expect((await attempt(sys.triage, user.username, PASSWORD)).body.error.code).toBe('login_locked');

    const siteAdmin = await newUser('admin', 'admin');
    const unlocked = await sys.triage.as(await login(sys.triage, siteAdmin.username, PASSWORD)).post(`/users/${user.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ id: user.id, username: user.username, wasLocked: true });
    expectStatus(await attempt(sys.ticketing, user.username, PASSWORD), 200);

    const entries = (await audit('login.unlocked')).filter((e: { subject_id: string }) => e.subject_id === user.id);
    expect(entries).toEqual([
      {
        actor_kind: 'user',
        actor_id: siteAdmin.id,
        actor_label: siteAdmin.username,
        subject_type: 'user',
        subject_id: user.id,
        details: { username: user.username, wasLocked: true, failures: 10, refusedWhileLocked: 2 },
      },
    ]);
  });

  it('locks a client address that tries many usernames, whatever the username, while other addresses log in', async () => {
    const { address, login: attempt } = client();
    const user = await newUser('sprayed');
    // 60 made-up usernames at once, a wrong password each: the address gets 50 checks.
    const replies = await Promise.all(Array.from({ length: 60 }, (_v, i) => attempt(apps[i % 3], `nobody-${i}`, 'Sommer2026!')));
    expect(replies.filter((r) => r.status === 401)).toHaveLength(50);
    const refused = replies.filter((r) => r.status === 429).map(refusal);
    expect(refused).toHaveLength(10);
    expect(
      new Set(
        refused.map((r) => `${r.code} ${r.retryAfter === r.inBody && r.retryAfter > LOCK_SECONDS - 5 && r.retryAfter <= LOCK_SECONDS}`),
      ),
    ).toEqual(new Set(['login_address_locked true']));

    expect((await attempt(sys.triage, user.username, PASSWORD)).body.error.code).toBe('login_address_locked');
    expectStatus(await client().login(sys.triage, user.username, PASSWORD), 200);
    expect(await audit('login.address_locked')).toEqual([
      {
        actor_kind: 'anonymous',
        actor_id: null,
        actor_label: address,
        subject_type: 'address',
        subject_id: address,
        details: { failures: 50, lockMinutes: 15 },
      },
    ]);
  });

  it('locks a username no one has as any other, and does not write it down (it may be a password typed in the wrong field)', async () => {
    const { address, login: attempt } = client();
    const madeUp = `nobody-${site.slug}`;
    for (const wait of [0, 0, 0, 0, 0, 1, 2, 4, 8, 16]) {
      clock.advance(wait);
      expect((await attempt(sys.ticketing, madeUp, 'wrong-guess')).status).toBe(401);
    }
    expect(refusal(await attempt(sys.triage, madeUp, 'wrong-guess'))).toEqual({
      status: 429,
      code: 'login_locked',
      retryAfter: LOCK_SECONDS,
      inBody: LOCK_SECONDS,
    });
    const entries = (await audit('login.locked')).filter((e: { actor_label: string }) => e.actor_label === address);
    expect(entries).toEqual([
      {
        actor_kind: 'anonymous',
        actor_id: null,
        actor_label: address,
        subject_type: 'user',
        subject_id: null,
        details: { username: null, failures: 10, lockMinutes: 15 },
      },
    ]);
  });

  it('never counts a successful login: the test harness and a busy office log in all day', async () => {
    const { login: attempt } = client();
    for (let i = 0; i < 60; i++) expectStatus(await attempt(apps[i % 3], ADMIN.username, ADMIN.password), 200);
    expect(await login(sys.triage, ADMIN.username, ADMIN.password)).toEqual(expect.any(String));
  });

  it('refuses logins on an instance that cannot reach Redis (503 login_unavailable) rather than check passwords uncounted', async () => {
    const cut = await sys.startExtra('ticketing', { REDIS_URL: 'redis://127.0.0.1:1' });
    const reply = await cut.api.post('/auth/login', { username: ADMIN.username, password: ADMIN.password });
    expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status: 503, code: 'login_unavailable' });
  });
});
