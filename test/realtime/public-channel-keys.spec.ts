import { Clock } from '../../libs/core/src/clock';
import { DayCloseService } from '../../libs/jobs/src/day-close.service';
import { WaitTargetProcessor } from '../../libs/jobs/src/wait-target.processor';
import { EVENT_TYPES } from '../../libs/domain/src/events';
import { ALWAYS_OPEN, SiteFixture, seedSite } from '../support/fixtures';
import { Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { TestSocket, closeAllSockets, request, sleep, subscribed, waitFor } from './sockets';

class TestClock extends Clock {
  private t = Date.now();
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

/**
 * The allow-list of every key a public screen or a citizen's page may receive
 * (API.md: numbers, services and counter names only), written out here so that
 * a key added anywhere fails this test until someone decides it is public.
 */
const ENVELOPE = ['seq', 'siteId', 'at', 'type'];
const TICKET = ['ticketId', 'number', 'serviceId', 'status', 'counterId', 'counterName', 'seat', 'recallCount'];
const ESTIMATE = ['minutes', 'low', 'high'];
const under = (prefix: string, keys: string[]) => [prefix, ...keys.map((k) => `${prefix}.${k}`)];
const SERVICE_WAITS = ['services', ...['serviceId', 'waiting', ...under('estimatedWait', ESTIMATE)].map((k) => `services[].${k}`)];
const NAMES = ['da', 'en', 'de'];
const EVENT_KEYS: Record<string, string[]> = {
  'ticket.issued': TICKET,
  'ticket.called': [...TICKET, 'calledAt'],
  'ticket.recalled': [...TICKET, 'calledAt'],
  'ticket.started': TICKET,
  'ticket.transferred': [...TICKET, 'fromServiceId', 'toServiceId'],
  'ticket.finished': TICKET,
  'ticket.no-show': TICKET,
  'ticket.cancelled': TICKET,
  'ticket.expired': [...TICKET, 'reason'],
  'ticket.updated': [],
  'counter.changed': ['counterId', 'name', 'state'],
  'queue.changed': SERVICE_WAITS,
  'alert.wait-target': [],
};
const DISPLAY_STATE = ['siteId', 'seq', 'at', 'recentCalls', ...['seq', 'ticketId', 'number', 'serviceId', 'counterId', 'counterName', 'seat', 'at', 'recall'].map((k) => `recentCalls[].${k}`), ...SERVICE_WAITS];
const SYNC_ANSWER = ['siteId', 'kind', 'events', ...under('state', DISPLAY_STATE)];
const TRACKED = [
  ...['siteId', 'siteSlug', 'siteName', 'ticketId', 'number', 'status', 'language', 'issuedAt', 'position', 'ahead', 'counterName', 'seat', 'calledAt'],
  // "Tell me when it is near": the channels offered, the one chosen (never the contact) and the travel buffer.
  ...['notifyChannels', 'notifyChannel', 'turnNearMinutes', 'turnNearNow'],
  ...under('service', ['id', ...under('names', NAMES)]),
  ...under('estimatedWait', ESTIMATE),
];
const OPENING = ['at', 'open', 'opensAt', 'closesAt'];
const SITE_WAIT_TIMES = [
  ...under('site', ['slug', 'name', 'municipality']),
  ...OPENING,
  'services',
  ...['serviceId', 'code', ...under('names', NAMES), 'waiting', ...under('estimatedWait', ESTIMATE), 'targetWaitMinutes'].map((k) => `services[].${k}`),
];
const WIDGET = ['municipality', 'sites', ...SITE_WAIT_TIMES.map((k) => `sites[].${k}`)];
const KIOSK_START = [
  ...under('site', ['id', 'slug', 'name', 'municipality']),
  ...OPENING,
  'bookingUrl',
  ...under('branding', ['logo', 'primaryColor']),
  'services',
  ...['id', 'prefix', ...under('names', NAMES), 'group', 'waiting', 'counterOpen', ...under('estimatedWait', ESTIMATE), 'reachedBeforeClose', 'capReached'].map((k) => `services[].${k}`),
  'alternatives',
  ...['slug', 'name', 'shortestWaitMinutes'].map((k) => `alternatives[].${k}`),
];

/** Every key path in `value`, recursively: `services[].estimatedWait.minutes`. */
function keyPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${at}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    return [path, ...keyPaths(v, path)];
  });
}

/** The key paths of `value` the allow-list does not name, labelled with where they were seen. */
function beyond(where: string, value: unknown, allowed: string[]): string[] {
  const ok = new Set(allowed);
  return [...new Set(keyPaths(value))].filter((p) => !ok.has(p)).map((p) => `${where}: ${p}`);
}

const eventBeyond = (where: string, e: { type: string }) => beyond(`${where} ${e.type}`, e, [...ENVELOPE, ...(EVENT_KEYS[e.type] ?? [])]);

/**
 * Every event type at a site whose tickets carry priority, channel, a note and
 * flags: what the waiting-room display and the citizens' ticket pages receive
 * live, through `sync` (replay and snapshot) and from the public HTTP answers
 * holds no key beyond the allow-list above, while the floor gets the full picture.
 */
describe('public channel keys', () => {
  const clock = new TestClock();
  let sys: TestSystem;
  let f: SiteFixture;
  let display: TestSocket & { seq: number };
  let floor: TestSocket & { seq: number };
  const citizens: (TestSocket & { seq: number })[] = [];
  const http: { where: string; body: unknown; allowed: string[] }[] = [];
  const NOTE = 'Needs help with pension form';

  beforeAll(async () => {
    clock.set('2025-06-04T09:00:00Z'); // Wednesday 11:00 in Copenhagen
    sys = await startSystem({ clock });
    const municipality = 'Nøgleby Kommune';
    const weekdays = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens: '10:00', closes: '17:00' }]])) };
    f = await seedSite(sys, { counters: 2, openingHours: weekdays, municipality });
    await seedSite(sys, { counters: 1, openingHours: ALWAYS_OPEN, municipality }); // the kiosk's alternative
    display = await subscribed(sys.counterDisplayUrls[0], f.tokens.display, { siteId: f.siteId, channel: 'display' });
    floor = await subscribed(sys.counterDisplayUrls[0], f.tokens.floor, { siteId: f.siteId, channel: 'floor' });
    await driveEveryEventType();
  });
  afterAll(async () => {
    closeAllSockets();
    await sys.stop();
  });

  const counter = () => sys.counterDisplay[0].as(f.tokens.counter);
  const ok = async <T>(res: Promise<Reply<T>>, status = 200) => {
    const r = await res;
    expectStatus(r, status);
    return r.body;
  };

  async function readPublicHttp(tickets: { trackingToken: string }[]) {
    http.push({ where: 'display-state', body: await ok(sys.counterDisplay[0].as(f.tokens.display).get(`/sites/${f.siteId}/display-state`)), allowed: DISPLAY_STATE });
    for (const t of tickets) http.push({ where: 'track', body: await ok(sys.ticketing.get(`/tickets/track/${t.trackingToken}`)), allowed: TRACKED });
    http.push({ where: 'wait-times', body: await ok(sys.ticketing.get(`/public/sites/${f.slug}/wait-times`)), allowed: SITE_WAIT_TIMES });
    http.push({ where: 'widget', body: await ok(sys.ticketing.get('/public/municipalities/noegleby-kommune/wait-times')), allowed: WIDGET });
    http.push({ where: 'kiosk start', body: await ok(sys.ticketing.get(`/kiosk/sites/${f.slug}`)), allowed: KIOSK_START });
  }

  async function driveEveryEventType() {
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const [s0, s1, s2] = f.services.map((s) => s.id);
    const tickets = [];
    tickets.push(await ok(kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: s0, priority: 2, language: 'en' }), 201));
    const encounter = await ok(
      sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/encounters`, { outcome: 'ticket', ticket: { serviceId: s1, priority: 1, note: NOTE, flags: ['interpreter'] } }),
      201,
    );
    tickets.push(encounter.ticket);
    for (const serviceId of [s0, s2, s1]) tickets.push(await ok(kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId }), 201));
    for (const t of tickets) citizens.push(await subscribed(sys.counterDisplayUrls[0], undefined, { siteId: f.siteId, channel: 'ticket', trackingToken: t.trackingToken }));

    await ok(sys.triage.as(f.tokens.floor).post(`/sites/${f.siteId}/tickets/${tickets[2].id}/priority`, { priority: 1 }), 201);
    expect(await sys.apps[0].get(WaitTargetProcessor).process({ ticketId: tickets[4].id, serviceId: s1, transferCount: 0, kind: 'warning' })).toBe('alerted');
    await readPublicHttp(tickets);

    const [c1, c2] = f.counters.map((c) => c.id);
    for (const c of [c1, c2]) await ok(counter().post(`/counters/${c}/open`));
    const served = (await ok(counter().post(`/counters/${c1}/call-next`))).ticket;
    await ok(counter().post(`/tickets/${served.id}/recall`));
    await ok(counter().post(`/tickets/${served.id}/start`));
    await readPublicHttp(tickets);
    await ok(counter().post(`/tickets/${served.id}/finish`, { outcome: 'referred-authority', helpMode: 'problem-solving' }));
    const absent = (await ok(counter().post(`/counters/${c1}/call-next`))).ticket;
    await ok(counter().post(`/tickets/${absent.id}/recall`));
    await ok(counter().post(`/tickets/${absent.id}/no-show`));
    const moved = (await ok(counter().post(`/counters/${c2}/call-next`))).ticket;
    await ok(counter().post(`/tickets/${moved.id}/transfer`, { serviceId: moved.serviceId === s2 ? s0 : s2, placement: 'front' }));
    await ok(counter().post(`/counters/${c2}/pause`, { reason: 'Lunch' }));
    const stillWaiting = [];
    for (const t of tickets) if ((await ok(sys.ticketing.get(`/tickets/track/${t.trackingToken}`))).status === 'waiting') stillWaiting.push(t);
    expect(stillWaiting.length).toBeGreaterThanOrEqual(2);
    await ok(sys.ticketing.post(`/tickets/track/${stillWaiting[0].trackingToken}/leave`));
    await readPublicHttp(tickets);

    clock.set('2025-06-04T15:30:00Z'); // 17:30: the day closes, the rest expire and the counters close
    expect(await sys.apps[0].get(DayCloseService).closeDueDays()).toEqual([expect.objectContaining({ siteId: f.siteId })]);
    const { seq } = await ok(sys.counterDisplay[0].as(f.tokens.display).get<{ seq: number }>(`/sites/${f.siteId}/display-state`));
    await waitFor('every event on the display', () => display.events.some((e) => e.seq === seq));
    await waitFor('every event on the floor', () => floor.events.some((e) => e.seq === seq));
    await sleep(200); // the ticket rooms get their events with the display's
  }

  it('drives every event type, with priority, channel, note and flags the floor does get', () => {
    expect(new Set(display.events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    const issued = floor.events.filter((e) => e.type === 'ticket.issued');
    expect(issued.some((e) => e.priority === 2 && e.channel === 'kiosk')).toBe(true);
    expect(issued.some((e) => e.note === NOTE && (e.flags as string[]).includes('interpreter'))).toBe(true);
    expect(floor.events.find((e) => e.type === 'ticket.updated')).toMatchObject({ priority: 1, previousPriority: 0 });
    expect(floor.events.find((e) => e.type === 'alert.wait-target')).toMatchObject({ kind: 'warning', targetMinutes: 15 });
    const citizenTypes = new Set(citizens.flatMap((c) => c.events.map((e) => e.type)));
    for (const type of ['ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished', 'ticket.no-show', 'ticket.transferred', 'ticket.cancelled', 'ticket.expired', 'ticket.updated', 'queue.changed']) {
      expect(citizenTypes).toContain(type);
    }
  });

  it('the display gets every seq once, live, with no key beyond the allow-list', () => {
    expect(display.events.map((e) => e.seq)).toEqual(floor.events.map((e) => e.seq));
    expect(display.events.flatMap((e) => eventBeyond('display live', e))).toEqual([]);
  });

  it('the ticket pages get no key beyond the allow-list, and never an alert', () => {
    const events = citizens.flatMap((c) => c.events);
    expect(events.flatMap((e) => eventBeyond('ticket page live', e))).toEqual([]);
    expect(events.filter((e) => e.type === 'alert.wait-target')).toEqual([]);
  });

  it('sync answers a display with the replay and the snapshot inside the allow-list; a ticket page cannot sync', async () => {
    const replay = await request(display.socket, 'sync', { siteId: f.siteId, sinceSeq: display.seq });
    if (!replay.ok) throw new Error(JSON.stringify(replay));
    expect(replay.data.kind).toBe('events');
    expect(new Set(replay.data.events.map((e: { type: string }) => e.type))).toEqual(new Set(EVENT_TYPES));
    const replayed = replay.data.events.flatMap((e: { type: string; payload: unknown }) => [
      ...beyond(`display sync ${e.type}`, { ...e, payload: undefined }, ['type', 'seq', 'siteId', 'at', 'payload']),
      ...beyond(`display sync ${e.type} payload`, e.payload, EVENT_KEYS[e.type]),
    ]);
    expect(replayed).toEqual([]);
    expect(beyond('display sync', { ...replay.data, events: undefined }, SYNC_ANSWER)).toEqual([]);
    // Further behind than the replay reaches (or with no model yet) the display gets a snapshot.
    const snapshot = await request(display.socket, 'sync', { siteId: f.siteId, sinceSeq: -1 });
    if (!snapshot.ok) throw new Error(JSON.stringify(snapshot));
    expect(snapshot.data.kind).toBe('snapshot');
    expect(snapshot.data.state.recentCalls.length).toBeGreaterThan(0);
    expect(beyond('display snapshot', snapshot.data, SYNC_ANSWER)).toEqual([]);
    expect(await request(citizens[0].socket, 'sync', { siteId: f.siteId, sinceSeq: 0 })).toMatchObject({ ok: false, error: { code: 'not_subscribed' } });
  });

  it('the floor keeps its fuller payloads through sync', async () => {
    const replay = await request(floor.socket, 'sync', { siteId: f.siteId, sinceSeq: floor.seq });
    if (!replay.ok) throw new Error(JSON.stringify(replay));
    expect(replay.data.events.find((e: { type: string; payload: { priority?: number } }) => e.type === 'ticket.issued' && e.payload.priority === 2).payload).toMatchObject({ channel: 'kiosk' });
  });

  it('a staff socket on the display channel too gets each event once, the staff version', async () => {
    const both = await subscribed(sys.counterDisplayUrls[0], f.tokens.floor, { siteId: f.siteId, channel: 'display' });
    expect(await request(both.socket, 'subscribe', { siteId: f.siteId, channel: 'floor' })).toMatchObject({ ok: true });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    clock.set('2025-06-05T09:00:00Z'); // open again the next morning
    const ticket = await ok(kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id, priority: 3 }), 201);
    const issued = await waitFor('the issue on the staff socket', () => both.events.find((e) => e.type === 'ticket.issued' && e.id === ticket.id));
    expect(issued).toMatchObject({ priority: 3, channel: 'kiosk' });
    await sleep(200);
    expect(both.events.filter((e) => e.seq === issued.seq)).toHaveLength(1);
  });

  it('the public HTTP answers name no key beyond the allow-list', () => {
    expect(http.map((h) => h.where)).toEqual(expect.arrayContaining(['display-state', 'track', 'wait-times', 'widget', 'kiosk start']));
    expect(http.find((h) => h.where === 'kiosk start')!.body).toMatchObject({ alternatives: [expect.anything()] });
    expect(http.flatMap((h) => beyond(h.where, h.body, h.allowed))).toEqual([]);
  });
});
