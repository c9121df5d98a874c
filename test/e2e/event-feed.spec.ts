/**
 * The event feed (issue 22, API.md "Integration"): a system that pulls reads a site's
 * events after the last seq it has, page by page. Every event comes once, in seq order,
 * with the webhook payloads, and so it goes on across a restart of the triage app (the
 * reader's place is only its own `after`; the log is in PostgreSQL).
 */
import { INestApplication } from '@nestjs/common';
import { webhookMessage } from '@skranke/jobs';
import { SiteFixture, issueTickets, login, openCounter, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

let sys: TestSystem;
let f: SiteFixture;
let other: SiteFixture;

beforeAll(async () => {
  sys = await startSystem();
  f = await seedSite(sys, { services: 2, counters: 1 });
  other = await seedSite(sys, { services: 1, counters: 1 });
});
afterAll(() => sys?.stop());

interface FeedEvent {
  type: string;
  timestamp: string;
  data: { siteId: string; seq: number; [k: string]: unknown };
}

/** Reads everything after `after` in pages of `limit`, as an integrating system would. */
async function readAll(api: Api, siteId: string, after: number, limit: number): Promise<{ events: FeedEvent[]; last: number }> {
  const events: FeedEvent[] = [];
  for (;;) {
    const r = await api.get(`/sites/${siteId}/events?after=${after}&limit=${limit}`);
    expectStatus(r, 200);
    events.push(...r.body.events);
    if (r.body.events.length === 0) {
      expect(r.body.last).toBe(after);
      return { events, last: after };
    }
    after = r.body.last;
  }
}

function expectWhole(events: FeedEvent[], from: number) {
  // Every seq once, in order, none skipped: the site's seq has no gaps.
  expect(events.map((e) => e.data.seq)).toEqual(events.map((_, i) => from + i + 1));
}

test('only admin and integration at the site read it: floor, counter, supervisor and another site are refused', async () => {
  for (const token of [f.tokens.floor, f.tokens.counter, f.tokens.supervisor, f.tokens.kiosk, other.tokens.supervisor]) {
    const r = await sys.triage.as(token).get(`/sites/${f.siteId}/events`);
    expect(r.status).toBe(403);
  }
});

test('the feed gives every event of the site once, in seq order, with the webhook payloads, and goes on after a restart', async () => {
  const root = sys.triage.as(f.tokens.admin);
  expectStatus(await root.post('/users', { username: `feed-${f.slug}`, password: 'password-123', displayName: 'Datavarehus', roles: [{ siteId: f.siteId, role: 'integration' }] }), 201);
  const reader = sys.triage.as(await login(sys.triage, `feed-${f.slug}`, 'password-123'));

  await issueTickets(sys, f, f.services[0].id, 4);
  await issueTickets(sys, other, other.services[0].id, 3); // another site's events never show
  await openCounter(sys, f, f.counters[0].id);
  expectStatus(await sys.counterDisplay[0].as(f.tokens.counter).post(`/counters/${f.counters[0].id}/call-next`, {}), 200);

  const first = await readAll(reader, f.siteId, 0, 3);
  expect(first.events.length).toBeGreaterThanOrEqual(10);
  expectWhole(first.events, 0);
  expect(first.events.every((e) => e.data.siteId === f.siteId)).toBe(true);
  expect(first.events.filter((e) => e.type === 'ticket.issued')).toHaveLength(4);
  expect(first.events.filter((e) => e.type === 'ticket.called')).toHaveLength(1);
  for (const e of first.events) expect(new Date(e.timestamp).toISOString()).toBe(e.timestamp);
  // The same body a webhook carries: built by the same function from the log's row.
  const called = first.events.find((e) => e.type === 'ticket.called')!;
  expect(called).toEqual(JSON.parse(JSON.stringify(webhookMessage({ ...called.data, siteId: f.siteId, seq: called.data.seq, type: 'ticket.called', at: new Date(called.timestamp), ticketId: called.data.ticketId as string, counterId: called.data.counterId as string, payload: called.data }))));

  // The triage app stops; another one starts on the same database. The reader goes on from its last seq.
  const triage = sys.apps[0] as INestApplication;
  await triage.close();
  sys.apps.splice(sys.apps.indexOf(triage), 1);
  const restarted = await sys.startExtra('triage');
  const again = restarted.api.as(await login(restarted.api, `feed-${f.slug}`, 'password-123'));
  expect((await readAll(again, f.siteId, first.last, 5)).events).toEqual([]);
  await issueTickets(sys, f, f.services[1].id, 3);
  const second = await readAll(again, f.siteId, first.last, 2);
  expectWhole(second.events, first.last);
  expect(second.events.filter((e) => e.type === 'ticket.issued')).toHaveLength(3);
  // Read from the start on the new instance: the same events as before the restart, then the new ones.
  const whole = await readAll(again, f.siteId, 0, 1000);
  expect(whole.events).toEqual([...first.events, ...second.events]);
});
