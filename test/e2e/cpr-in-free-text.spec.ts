/**
 * No CPR number may be stored (DOMAIN.md). Outside testing wrote them with a
 * Unicode hyphen, an en dash, a minus sign, full-width digits, "/" and "." and
 * got them into notes shown on the floor tablet, encounter topics, pause reasons
 * and appointment phones. Every free-text field of every app refuses every such
 * spelling with 400, and nothing of it is stored.
 */
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, openCounter, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';

jest.setTimeout(120_000);

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
const arabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(0x660 + Number(d)));
const SPELLINGS: [string, string][] = [
  ['U+2010 hyphen', '010203\u20101234'],
  ['en dash', '010203\u20131234'],
  ['minus sign', '010203\u22121234'],
  ['full-width digits', fullWidth('010203-1234')],
  ['Arabic-Indic digits', arabicIndic('0102031234')],
  ['slash', '010203/1234'],
  ['dot', '010203.1234'],
  ['no-break space', '010203\u00a01234'],
  ['zero-width space in the date', '0102\u200b03-1234'],
];

let sys: TestSystem;
let f: SiteFixture;
let admin: Api;
let ticketId: string;

beforeAll(async () => {
  sys = await startSystem();
  f = await seedSite(sys);
  admin = sys.triage.as(f.tokens.admin);
  const issued = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
  expectStatus(issued, 201);
  ticketId = issued.body.id;
  await openCounter(sys, f, f.counters[0].id);
});

afterAll(() => sys?.stop());

function refused(r: Reply, code = 'cpr_not_allowed') {
  if (r.status !== 400 || r.body?.error?.code !== code) throw new Error(`expected 400 ${code}, got ${r.status}: ${JSON.stringify(r.body)}`);
}

/** Each free-text field a person can type, with the request that carries it. */
const FIELDS: [string, (cpr: string) => Promise<Reply>, string?][] = [
  ['the note of a triaged ticket', (cpr) => admin.post(`/sites/${f.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: f.services[0].id, note: `borger ${cpr}` } }), 'cpr_number_in_note'],
  ['the flags of a triaged ticket', (cpr) => admin.post(`/sites/${f.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: f.services[0].id, flags: [cpr] } })],
  ['the encounter topic', (cpr) => admin.post(`/sites/${f.siteId}/encounters`, { outcome: 'resolved-on-spot', topic: `pas ${cpr}` })],
  ['the referral target', (cpr) => admin.post(`/sites/${f.siteId}/encounters`, { outcome: 'referred', referralTarget: cpr })],
  ['a pause reason', (cpr) => sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/pause`, { reason: cpr })],
  ['the appointment phone', (cpr) => sys.ticketing.as(f.tokens.admin).post(`/sites/${f.siteId}/appointments`, { serviceId: f.services[0].id, startsAt: new Date(Date.now() + 3_600_000).toISOString(), phone: cpr })],
  ['a site settings list', (cpr) => admin.patch(`/sites/${f.siteId}`, { settings: { topics: ['Pas', cpr] } })],
  ['the site name', (cpr) => admin.patch(`/sites/${f.siteId}`, { name: cpr })],
  ['a service name', (cpr) => admin.patch(`/sites/${f.siteId}/services/${f.services[1].id}`, { names: { da: cpr, en: 'x', de: 'x' } })],
  ['a counter name', (cpr) => admin.patch(`/sites/${f.siteId}/counters/${f.counters[1].id}`, { name: cpr })],
  ['a device name', (cpr) => admin.post(`/sites/${f.siteId}/devices`, { kind: 'display', name: cpr })],
  ['a user’s display name', (cpr) => admin.post('/users', { username: `u${Date.now()}`, password: 'password-123', displayName: cpr, roles: [] })],
  ['the survey comment', (cpr) => sys.ticketing.post(`/tickets/track/${encodeURIComponent('x'.repeat(32))}/survey`, { comment: cpr }), 'personal_data_in_comment'],
];

describe('a CPR number in any spelling is refused in every free-text field', () => {
  describe.each(FIELDS)('%s', (_field, send, code) => {
    it.each(SPELLINGS)('%s', async (_spelling, cpr) => {
      refused(await send(cpr), code);
    });
  });

  it('and none of it was stored: the floor state, the site and its lists hold no such text', async () => {
    const floor = await sys.triage.as(f.tokens.floor).get(`/sites/${f.siteId}/floor`);
    const site = await admin.get(`/sites/${f.siteId}`);
    const services = await admin.get(`/sites/${f.siteId}/services`);
    const stored = JSON.stringify([floor.body, site.body, services.body]);
    for (const [, cpr] of SPELLINGS) expect(stored).not.toContain(cpr);
    expect(stored).not.toMatch(/1234/);
  });
});

describe('what is not a CPR number still passes', () => {
  it('a note with a phone number, a date and opening times is accepted', async () => {
    const r = await admin.post(`/sites/${f.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: f.services[0].id, note: 'ring 12 34 56 78 om 2026-12-03, 08:00-12:00' } });
    expectStatus(r, 201);
  });

  it('an appointment phone of eight digits with +45 is accepted', async () => {
    const r = await sys.ticketing.as(f.tokens.admin).post(`/sites/${f.siteId}/appointments`, { serviceId: f.services[0].id, startsAt: new Date(Date.now() + 7_200_000).toISOString(), phone: '+45 12 34 56 78' });
    expectStatus(r, 201);
  });

  it('a password is never stored or shown, so one that reads like a CPR number is allowed and logs in', async () => {
    const username = `pw-${process.pid}`;
    expectStatus(await admin.post('/users', { username, password: '010203-1234', displayName: 'Kodeord', roles: [{ siteId: f.siteId, role: 'floor' }] }), 201);
    expect(await login(sys.triage, username, '010203-1234')).toEqual(expect.any(String));
  });

  it('ids are not text: ticket and service ids in a body pass whatever digits they hold', async () => {
    const r = await sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/tickets/${ticketId}/priority`, { priority: 1 });
    expect(r.status).toBeLessThan(300);
    // The bootstrap admin's login itself goes through the same pipe.
    expect(await login(sys.triage, ADMIN.username, ADMIN.password)).toEqual(expect.any(String));
  });
});
