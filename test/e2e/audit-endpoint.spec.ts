/**
 * GET /api/v1/audit: every staff act on tickets, counters, users, devices and settings, read as the
 * union of the site's event log and audit_entry (docs/audit.md); scoped to the sites the caller
 * administers, as JSON pages or CSV, and kept per the site's audit retention.
 */
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { RetentionService } from '../../libs/jobs/src';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, openCounter, seedSite } from '../support/fixtures';
import { Reply, expectStatus } from '../support/http';

jest.setTimeout(120_000);

const NOTE = 'Borgeren har en førerhund med';
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());

describe('audit endpoint', () => {
  let sys: TestSystem;
  let a: SiteFixture;
  let b: SiteFixture;
  let root: string;
  let adminA: string;
  let aarhus: string;
  let odense: string;
  let counterUserId: string;
  let kioskId: string;
  let ticketId: string;
  let ds: DataSource;

  beforeAll(async () => {
    sys = await startSystem();
    ds = sys.apps[0].get(DataSource);
    a = await seedSite(sys, { municipality: 'Aarhus Kommune', counters: 1 });
    b = await seedSite(sys, { municipality: 'Odense Kommune', counters: 1 });
    root = await login(sys.triage, ADMIN.username, ADMIN.password);
    const user = async (username: string, grant: object) => {
      expectStatus(await sys.triage.as(root).post('/users', { username, password: 'password-123', displayName: username, roles: [], ...grant }), 201);
      return login(sys.triage, username, 'password-123');
    };
    adminA = await user('audit-admin-a', { roles: [{ siteId: a.siteId, role: 'admin' }] });
    aarhus = await user('audit-aarhus', { municipalityAdmin: ['Aarhus Kommune'] });
    odense = await user('audit-odense', { municipalityAdmin: ['Odense Kommune'] });
    counterUserId = (await sys.triage.as(a.tokens.counter).get('/auth/me')).body.id;
    kioskId = (await sys.triage.as(adminA).get(`/sites/${a.siteId}/devices`)).body.find((d: { kind: string }) => d.kind === 'kiosk').id;

    // The day at site A: a kiosk ticket, a floor ticket with a note, a counter user's calls; an admin's changes.
    const kioskTicket = await sys.ticketing.as(a.tokens.kiosk).post(`/sites/${a.siteId}/tickets`, { serviceId: a.services[0].id });
    expectStatus(kioskTicket, 201);
    ticketId = kioskTicket.body.id;
    expectStatus(await sys.triage.as(a.tokens.floor).post(`/sites/${a.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: a.services[1].id, note: NOTE } }), 201);
    await openCounter(sys, a, a.counters[0].id);
    const counter = sys.counterDisplay[0].as(a.tokens.counter);
    expectStatus(await counter.post(`/counters/${a.counters[0].id}/call-next`, {}), 200);
    expectStatus(await counter.post(`/tickets/${ticketId}/start`), 200);
    expectStatus(await counter.post(`/tickets/${ticketId}/finish`, { outcome: 'resolved' }), 200);
    const admin = sys.triage.as(adminA);
    expectStatus(await admin.patch(`/sites/${a.siteId}/services/${a.services[0].id}`, { targetWaitMinutes: 20 }), 200);
    expectStatus(await admin.patch(`/sites/${a.siteId}`, { settings: { auditRetentionDays: 400 } }), 200);
    expectStatus(await admin.delete(`/sites/${a.siteId}/devices/${kioskId}`), 200);
    // Site B's day, which site A's admin must never see.
    expectStatus(await sys.triage.as(root).patch(`/sites/${b.siteId}/services/${b.services[0].id}`, { targetWaitMinutes: 25 }), 200);
  });
  afterAll(() => sys?.stop());

  const read = async (token: string, query: string) => {
    const r = await sys.triage.as(token).get(`/audit?${query}`);
    expectStatus(r, 200);
    return r.body.entries as Record<string, any>[];
  };

  it("shows a counter user's calls with the actor and the counter, the kiosk's ticket with its device, and an admin's changes", async () => {
    const entries = await read(adminA, `siteId=${a.siteId}&from=${today()}&to=${today()}`);
    const called = entries.find((e) => e.action === 'ticket.called' && e.subjectId === ticketId);
    expect(called).toMatchObject({ source: 'event', actorKind: 'user', actorId: counterUserId, actorLabel: `counter-${a.slug}`, counterId: a.counters[0].id, subjectType: 'ticket', siteId: a.siteId });
    expect(called!.ticketNumber).toMatch(/^P\d{3}$/);
    for (const action of ['ticket.started', 'ticket.finished']) expect(entries.some((e) => e.action === action && e.actorId === counterUserId)).toBe(true);
    expect(entries.find((e) => e.action === 'counter.changed' && e.actorId === counterUserId)).toMatchObject({ counterId: a.counters[0].id, subjectType: 'counter' });
    expect(entries.find((e) => e.action === 'ticket.issued' && e.subjectId === ticketId)).toMatchObject({ actorKind: 'device', actorId: kioskId, deviceId: kioskId, actorLabel: 'kiosk 1' });
    expect(entries.find((e) => e.action === 'PATCH /sites/:siteId/services/:serviceId')).toMatchObject({
      source: 'audit',
      actorLabel: 'audit-admin-a',
      subjectType: 'service',
      subjectId: a.services[0].id,
      address: expect.stringMatching(/127\.0\.0\.1/),
      details: { app: 'triage', fields: ['targetWaitMinutes'] },
    });
    expect(entries.find((e) => e.action === 'PATCH /sites/:siteId')).toMatchObject({ subjectType: 'site', details: { fields: ['settings'] } });
    expect(entries.find((e) => e.action === 'DELETE /sites/:siteId/devices/:deviceId')).toMatchObject({ subjectType: 'device', subjectId: kioskId });
    // The user administration of a user with a role here (no site of its own) is shown to this site's admin.
    expect(entries.some((e) => e.action === 'POST /users' && e.subjectType === 'user')).toBe(true);
    // Each act once: the call is an event, not also a request entry.
    expect(entries.filter((e) => e.action.includes('call-next'))).toEqual([]);
    // Oldest first; never a note.
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
    expect(JSON.stringify(entries)).not.toContain(NOTE);
    expect(JSON.stringify(entries)).not.toContain(b.siteId);
  });

  it('exports CSV that parses back to the same entries', async () => {
    const r = await sys.triage.as(adminA).get(`/audit?siteId=${a.siteId}&format=csv`);
    expectStatus(r, 200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(r.body as string, { columns: true });
    const json = await read(adminA, `siteId=${a.siteId}&limit=1000`);
    expect(rows.length).toBe(json.length);
    expect(rows.map((x) => [x.at, x.action, x.actorId, x.subjectId])).toEqual(json.map((e) => [e.at, e.action, e.actorId ?? '', e.subjectId ?? '']));
    const call = rows.find((x) => x.action === 'ticket.called')!;
    expect(call.actorLabel).toBe(`counter-${a.slug}`);
    expect(JSON.parse(call.details)).toMatchObject({ number: call.ticketNumber });
    expect(r.body).not.toContain(NOTE);
  });

  it('pages oldest first without losing or repeating an entry', async () => {
    const all = await read(adminA, `siteId=${a.siteId}&limit=1000`);
    const seen: Record<string, any>[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const r: Reply = await sys.triage.as(adminA).get(`/audit?siteId=${a.siteId}&limit=3&offset=${offset}`);
      expectStatus(r, 200);
      expect(r.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...r.body.entries);
      offset = r.body.nextOffset;
    }
    expect(seen).toEqual(all);
  });

  it("scopes to the caller's sites: 403 for another's, a municipality its own, the installation all", async () => {
    const refused = await sys.triage.as(adminA).get(`/audit?siteId=${b.siteId}`);
    expectStatus(refused, 403);
    expect(refused.body.error.code).toBe('forbidden');
    expectStatus(await sys.triage.as(odense).get(`/audit?siteId=${a.siteId}`), 403);
    for (const token of [a.tokens.supervisor, a.tokens.counter, a.tokens.kiosk]) expect([401, 403]).toContain((await sys.triage.as(token).get('/audit')).status);
    const mine = await read(adminA, '');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.siteId === a.siteId || (e.siteId === null && e.subjectType === 'user'))).toBe(true);
    const municipal = await read(aarhus, '');
    expect(municipal.some((e) => e.siteId === a.siteId)).toBe(true);
    expect(JSON.stringify(municipal)).not.toContain(b.siteId);
    const odenseOwn = await read(odense, '');
    expect(JSON.stringify(odenseOwn)).not.toContain(a.siteId);
    expect(odenseOwn.some((e) => e.siteId === b.siteId)).toBe(true);
    const everything = await read(root, 'limit=1000');
    expect(everything.some((e) => e.siteId === a.siteId) && everything.some((e) => e.siteId === b.siteId)).toBe(true);
    expect(everything.some((e) => e.siteId === null && e.action === 'POST /users')).toBe(true);
  });

  it('refuses bad input with 400 and a code', async () => {
    const cases: [string, string][] = [
      ['from=2027-02-30', 'invalid_date'],
      ['to=yesterday', 'invalid_date'],
      ['from=2027-03-10&to=2027-03-01', 'invalid_range'],
      ['from=2025-01-01&to=2027-01-01', 'range_too_long'],
      ['siteId=not-a-uuid', 'invalid_id'],
      ['limit=0', 'number_out_of_range'],
      ['limit=5000', 'number_out_of_range'],
      ['offset=-1', 'number_out_of_range'],
      ['format=xml', 'invalid_value'],
    ];
    for (const [query, code] of cases) {
      const r = await sys.triage.as(root).get(`/audit?${query}`);
      expect([r.status, r.body?.error?.code, query]).toEqual([400, code, query]);
    }
    const setting = await sys.triage.as(adminA).patch(`/sites/${a.siteId}`, { settings: { auditRetentionDays: 10 } });
    expectStatus(setting, 400);
    expect(setting.body.error.code).toBe('invalid_settings');
  });

  it("deletes entries past the site's audit retention and no longer shows older events", async () => {
    expectStatus(await sys.triage.as(adminA).patch(`/sites/${a.siteId}`, { settings: { auditRetentionDays: 30 } }), 200);
    const old = new Date(Date.now() - 40 * 86_400_000);
    const kept = new Date(Date.now() - 20 * 86_400_000);
    const insert = (siteId: string, at: Date, action: string) =>
      ds.query(`INSERT INTO audit_entry (at, actor_kind, action, site_id) VALUES ($1, 'system', $2, $3)`, [at, action, siteId]);
    await insert(a.siteId, old, 'test.old-a');
    await insert(a.siteId, kept, 'test.kept-a');
    await insert(b.siteId, old, 'test.old-b'); // site B keeps a year
    await ds.query(`UPDATE ticket_event SET at = $2 WHERE site_id = $1 AND ticket_id = $3 AND type = 'ticket.issued'`, [a.siteId, old, ticketId]);
    const range = `from=${old.toISOString().slice(0, 10)}&to=${today()}`;
    const before = await read(root, `siteId=${a.siteId}&${range}&limit=1000`);
    expect(before.map((e) => e.action)).toContain('test.kept-a');
    // The event log keeps the old event; the audit no longer shows it.
    expect(before.filter((e) => e.subjectId === ticketId).map((e) => e.action)).not.toContain('ticket.issued');
    const erased = await sys.apps[0].get(RetentionService).eraseDue();
    expect(erased.auditEntries).toBeGreaterThanOrEqual(1);
    const left = (await ds.query(`SELECT action FROM audit_entry WHERE action LIKE 'test.%' ORDER BY action`)).map((r: { action: string }) => r.action);
    expect(left).toEqual(['test.kept-a', 'test.old-b']);
  });
});
