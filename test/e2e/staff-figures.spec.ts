/**
 * Staff figures under a Danish works council's rules (issue 21 item 7): off by default; switched on only with a
 * purpose and a start six weeks ahead; then each person sees their own (every view audited) and supervisors
 * see teams of at least five persons; no route takes a user id and nothing is ranked.
 *
 * The figures are checked against a small set of visits this test plays through the real APIs on a
 * SettableClock, computed here from what was played.
 */
import { SettableClock } from '../support/booking';
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { PLAN, PURPOSE, type Desk, type Played, addDesks, at, auditOf as auditEntries, figures, serve as serveVisit } from '../support/staff-figures';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

describe('staff figures', () => {
  const clock = new SettableClock(at('2027-01-04'));
  let sys: TestSystem;
  let f: SiteFixture;
  let admin: Api;
  let supervisor: Api;
  let desks: Desk[] = [];
  const played: Played[] = [];
  const me = (api: Api, from = '2027-02-01', to = '2027-02-28') => api.get(`/sites/${f.siteId}/staff-figures/me?from=${from}&to=${to}`);
  const teams = (from = '2027-02-01', to = '2027-02-28') => supervisor.get(`/sites/${f.siteId}/staff-figures/teams?from=${from}&to=${to}`);
  const notice = (body: unknown) => admin.request('PUT', `/sites/${f.siteId}/staff-figures`, body);
  const auditOf = (date: string, action: string) => auditEntries(admin, f.siteId, date, action);
  const serve = (desk: number, service: number, seconds: number) => serveVisit(sys, f, clock, desks, desk, service, seconds);

  beforeAll(async () => {
    sys = await startSystem({ clock });
    f = await seedSite(sys, { services: 2, counters: 6 });
    admin = sys.triage.as(f.tokens.admin);
    supervisor = sys.triage.as(f.tokens.supervisor);
    desks = await addDesks(sys, f, 6);
  });
  afterAll(() => sys?.stop());

  test('off by default: a person and a supervisor get 403 staff_figures_off, and the settings PATCH cannot switch it on', async () => {
    const own = await me(desks[0].api);
    expectStatus(own, 403);
    expect(own.body.error.code).toBe('staff_figures_off');
    expect(own.body.error.details).toEqual({ startsOn: null });
    const team = await teams();
    expectStatus(team, 403);
    expect(team.body.error.code).toBe('staff_figures_off');
    const site = await admin.get(`/sites/${f.siteId}`);
    expect(site.body.settings.staffFigures).toBeUndefined();
    const patched = await admin.patch(`/sites/${f.siteId}`, { settings: { staffFigures: { purpose: PURPOSE, startsOn: '2027-01-05' } } });
    expectStatus(patched, 400);
    expect(patched.body.error.code).toBe('invalid_settings');
  });

  test('the notice: malformed is 400; 41 days ahead is refused with 422, 42 accepted; only an admin gives it', async () => {
    for (const body of [
      { purpose: 'Too short', startsOn: '2027-03-01' },
      { purpose: PURPOSE, startsOn: '2027-02-30' },
      { purpose: PURPOSE, startsOn: '1.3.2027' },
      { purpose: PURPOSE },
      { purpose: PURPOSE, startsOn: '2027-03-01', extra: true },
      { purpose: `${PURPOSE} for 010203-1234`, startsOn: '2027-03-01' },
      // A NUL, which the site's settings (jsonb) cannot hold: found by the OpenAPI fuzz as a 500 before.
      { purpose: `${PURPOSE}\u0000`, startsOn: '2027-03-01' },
    ]) {
      const r = await notice(body);
      expect([r.status, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
      expect(r.body.error.code).toEqual(expect.stringMatching(/^[a-z_]+$/));
    }
    expectStatus(await sys.triage.as(f.tokens.supervisor).request('PUT', `/sites/${f.siteId}/staff-figures`, { purpose: PURPOSE, startsOn: '2027-03-01' }), 403);

    // Today at the site is 2027-01-04: 41 days ahead is 2027-02-14.
    const short = await notice({ purpose: PURPOSE, startsOn: '2027-02-14' });
    expectStatus(short, 422);
    expect(short.body.error.code).toBe('staff_figures_notice_too_short');
    expect(short.body.error.details).toMatchObject({ earliest: '2027-02-15', noticeDays: 42 });
    const ok = await notice({ purpose: PURPOSE, startsOn: '2027-02-15' });
    expectStatus(ok, 200);
    expect(ok.body).toEqual({ on: false, purpose: PURPOSE, startsOn: '2027-02-15', noticeGivenOn: '2027-01-04' });
    const [announced] = await auditOf('2027-01-04', 'staff_figures.announced');
    expect(announced.details).toMatchObject({ purpose: PURPOSE, startsOn: '2027-02-15', previous: null });

    // Before the start it stays off, and says when it starts.
    const before = await me(desks[0].api);
    expectStatus(before, 403);
    expect(before.body.error).toMatchObject({ code: 'staff_figures_off', details: { startsOn: '2027-02-15' } });
  });

  test('a later start keeps the notice; an earlier start or another purpose needs six weeks again', async () => {
    clock.set(at('2027-01-14'));
    const later = await notice({ purpose: PURPOSE, startsOn: '2027-02-20' });
    expectStatus(later, 200);
    expect(later.body).toMatchObject({ startsOn: '2027-02-20', noticeGivenOn: '2027-01-04' });
    const earlier = await notice({ purpose: PURPOSE, startsOn: '2027-02-16' });
    expectStatus(earlier, 422);
    expect(earlier.body.error.details).toMatchObject({ earliest: '2027-02-25' });
    const otherPurpose = await notice({ purpose: `${PURPOSE}, og til medarbejdersamtaler`, startsOn: '2027-02-20' });
    expectStatus(otherPurpose, 422);
    const changes = await auditOf('2027-01-14', 'staff_figures.changed');
    expect(changes.map((c) => c.details.startsOn)).toEqual(['2027-02-20']);
    expect((await admin.get(`/sites/${f.siteId}`)).body.settings.staffFigures).toEqual({ purpose: PURPOSE, startsOn: '2027-02-20', noticeGivenOn: '2027-01-04' });
  });

  test('from the start day each person sees exactly their own figures, nothing from before the start, every view audited', async () => {
    // The day before the start: served, but never shown (the notice covers the days from its start).
    clock.set(at('2027-02-19'));
    await serve(0, 1, 30 * 60);
    expect((await me(desks[0].api)).body.error.code).toBe('staff_figures_off');

    clock.set(at('2027-02-20'));
    for (const v of PLAN) {
      await serve(v.desk, v.service, v.seconds);
      played.push({ ...v, date: '2027-02-20' });
    }
    for (const [d, desk] of desks.entries()) {
      const r = await me(desk.api);
      expectStatus(r, 200);
      const mine = played.filter((v) => v.desk === d);
      const services = [0, 1]
        .filter((s) => mine.some((v) => v.service === s))
        .map((s) => ({ serviceId: f.services[s].id, names: { da: `Ydelse ${s}`, en: `Service ${s}`, de: `Dienst ${s}` }, ...figures(mine.filter((v) => v.service === s)) }));
      expect(r.body).toEqual({ from: '2027-02-20', to: '2027-02-28', startsOn: '2027-02-20', purpose: PURPOSE, services });
    }
    // Desk 0's own, by hand: 3 served at service 0, times 5 and 12 minutes (the 5-second one left out).
    expect((await me(desks[0].api)).body.services).toEqual([expect.objectContaining({ served: 3, handlingMeanMinutes: 8.5, handlingP90Minutes: 12 })]);
    // Someone who served nothing sees no rows (still a view of their figures).
    const floor = await me(sys.triage.as(f.tokens.floor));
    expectStatus(floor, 200);
    expect(floor.body.services).toEqual([]);

    const views = await auditOf('2027-02-20', 'staff_figures.viewed');
    // One per call: six desks, desk 0 once more, the floor once.
    expect(views).toHaveLength(8);
    for (const v of views) {
      expect(v.subjectType).toBe('user');
      expect(v.subjectId).toBe(v.actorId);
      expect(v.details).toEqual({ from: '2027-02-20', to: '2027-02-28' });
    }
    expect(views.filter((v) => v.subjectId === desks[0].id)).toHaveLength(2);
    // A refused call (before the start) was no view.
    expect(await auditOf('2027-02-19', 'staff_figures.viewed')).toEqual([]);
  });

  test('supervisors see teams of at least five persons, the rest withheld, sorted by service name, never a person', async () => {
    const r = await teams();
    expectStatus(r, 200);
    expect(r.body).toEqual({
      from: '2027-02-20',
      to: '2027-02-28',
      startsOn: '2027-02-20',
      purpose: PURPOSE,
      minPersons: 5,
      teams: [
        {
          serviceId: f.services[0].id,
          names: { da: 'Ydelse 0', en: 'Service 0', de: 'Dienst 0' },
          shown: true,
          persons: 5,
          ...figures(played.filter((v) => v.service === 0)),
        },
        { serviceId: f.services[1].id, names: { da: 'Ydelse 1', en: 'Service 1', de: 'Dienst 1' }, shown: false, withheldBecause: 'fewer_than_five_persons' },
      ],
    });
    const text = JSON.stringify(r.body);
    for (const desk of desks) expect(text).not.toContain(desk.id);
    expect(text).not.toContain('Desk ');
    // A person is no supervisor; another site's supervisor is a stranger.
    expectStatus(await desks[0].api.get(`/sites/${f.siteId}/staff-figures/teams?from=2027-02-01&to=2027-02-28`), 403);
    const other = await seedSite(sys);
    expectStatus(await sys.triage.as(other.tokens.supervisor).get(`/sites/${f.siteId}/staff-figures/teams?from=2027-02-01&to=2027-02-28`), 403);
    expectStatus(await sys.triage.as(other.tokens.counter).get(`/sites/${f.siteId}/staff-figures/me?from=2027-02-01&to=2027-02-28`), 403);
  });

  test("no route takes a person: another's figures are not reachable", async () => {
    const doc = await fetch(`${sys.triage.baseUrl.replace(/\/api\/v1$/, '')}/api/docs-json`).then((res) => res.json());
    const routes = Object.entries<Record<string, { parameters?: { name: string }[] }>>(doc.paths).filter(([path]) => path.includes('staff-figures'));
    expect(routes.map(([path]) => path).sort()).toEqual(['/api/v1/sites/{siteId}/staff-figures', '/api/v1/sites/{siteId}/staff-figures/me', '/api/v1/sites/{siteId}/staff-figures/teams']);
    for (const [, methods] of routes) {
      for (const op of Object.values(methods)) expect((op.parameters ?? []).map((p) => p.name).sort()).toEqual(expect.arrayContaining(['siteId']));
      for (const op of Object.values(methods)) for (const p of op.parameters ?? []) expect(['siteId', 'from', 'to']).toContain(p.name);
    }
    // A user id smuggled into the query changes nothing: the caller's own figures still.
    const r = await desks[1].api.get(`/sites/${f.siteId}/staff-figures/me?from=2027-02-01&to=2027-02-28&userId=${desks[0].id}`);
    if (r.status === 200) expect(r.body.services).toEqual([expect.objectContaining({ served: 1 })]);
    else expectStatus(r, 400);
  });

  test('malformed periods are 400', async () => {
    for (const [from, to, code] of [
      ['2027-02-30', '2027-03-01', 'invalid_date'],
      ['2027-03-01', '2027-02-01', 'invalid_period'],
      ['2027-01-01', '2028-06-01', 'period_too_long'],
    ]) {
      const r = await me(desks[0].api, from, to);
      expectStatus(r, 400);
      expect(r.body.error.code).toBe(code);
    }
  });

  test('switching off is immediate and audited; a settings change at the same time never switches it back on', async () => {
    const off = await admin.request('DELETE', `/sites/${f.siteId}/staff-figures`);
    expectStatus(off, 204);
    const r = await me(desks[0].api);
    expectStatus(r, 403);
    expect(r.body.error.details).toEqual({ startsOn: null });
    expect(await auditOf('2027-02-20', 'staff_figures.switched_off')).toHaveLength(1);

    for (let round = 0; round < 5; round++) {
      expectStatus(await notice({ purpose: PURPOSE, startsOn: '2027-06-01' }), 200);
      const share = 0.5 + round / 100;
      const [patched, deleted] = await Promise.all([
        admin.patch(`/sites/${f.siteId}`, { settings: { waitWarningShare: share } }),
        admin.request('DELETE', `/sites/${f.siteId}/staff-figures`),
      ]);
      expectStatus(patched, 200);
      expectStatus(deleted, 204);
      const settings = (await admin.get(`/sites/${f.siteId}`)).body.settings;
      expect(settings.staffFigures).toBeUndefined();
      expect(settings.waitWarningShare).toBe(share);
    }
  });

  test("the six weeks count from today in the site's time zone, not UTC's", async () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Copenhagen: today is 2 March, the earliest start 13 April.
    clock.set(new Date('2027-03-01T23:30:00Z'));
    const utcCount = await notice({ purpose: PURPOSE, startsOn: '2027-04-12' });
    expectStatus(utcCount, 422);
    expect(utcCount.body.error.details).toMatchObject({ earliest: '2027-04-13' });
    const ok = await notice({ purpose: PURPOSE, startsOn: '2027-04-13' });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({ on: false, noticeGivenOn: '2027-03-02' });
  });
});
