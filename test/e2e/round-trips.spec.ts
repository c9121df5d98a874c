/**
 * Each hot ticket change is one call of its PostgreSQL function: one round
 * trip to the database (no BEGIN or COMMIT of its own), counted on the wire by
 * a proxy between a second ticketing and counter-display instance and
 * PostgreSQL. Other work of the apps (estimates refreshed every few seconds)
 * may add a trip now and then, so each change is repeated and its usual
 * count, the median, must be one.
 *
 * Issuing is one trip for the change too; after its commit the estimate told to
 * the citizen is computed with the new ticket in the room (issue 23: never a
 * stale cache for that answer), which reads the room and stores what was told.
 * Those trips are counted apart, by their SQL, and held to a bound.
 */
import { SiteFixture, seedSite } from '../support/fixtures';
import { Api, Reply, expectStatus } from '../support/http';
import { RoundTripProxy, roundTripProxy } from '../support/pg-round-trips';
import { TestSystem, startSystem } from '../support/system';

const REPEAT = 7;

describe('round trips to PostgreSQL per ticket change', () => {
  let sys: TestSystem;
  let proxy: RoundTripProxy;
  let ticketing: Api;
  let counters: Api;
  let f: SiteFixture;

  beforeAll(async () => {
    sys = await startSystem();
    proxy = await roundTripProxy();
    const env = { DATABASE_URL: proxy.url(sys.env.DATABASE_URL), RUN_WORKERS: 'false' };
    ticketing = (await sys.startExtra('ticketing', env)).api;
    counters = (await sys.startExtra('counter-display', env)).api;
    f = await seedSite(sys, { services: 2, counters: 1 });
  });

  afterAll(async () => {
    await sys?.stop();
    await proxy?.close();
  });

  /** The round trips `act` made, each time it ran (after a first run that prepares its statements); `apart` are left out. */
  async function trips(
    act: (i: number) => Promise<Reply>,
    status: number,
    apart: (sql: string) => boolean = () => false,
  ): Promise<number[]> {
    expectStatus(await act(-1), status);
    const counts: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      proxy.reset();
      expectStatus(await act(i), status);
      counts.push(proxy.statements().filter((sql) => !apart(sql)).length);
    }
    return counts;
  }
  /** The estimate told at issue: reads of the room after the commit, and the one statement that stores what was told. */
  const estimateAtIssue = (sql: string) =>
    (/^\s*SELECT/i.test(sql) && !/skranke_issue_tickets/.test(sql)) || /^\s*UPDATE ticket t SET estimate_minutes/.test(sql);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  it('is one for issuing, each counter state change, call next and every ticket action', async () => {
    const kiosk = ticketing.as(f.tokens.kiosk);
    const staff = counters.as(f.tokens.counter);
    const counter = f.counters[0].id;
    const seen: Record<string, number[]> = {};
    const issue = (key: string) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id }, { 'Idempotency-Key': key });

    seen.issue = await trips((i) => issue(`trip-${i}`), 201, estimateAtIssue);
    // The change itself is the one call of skranke_issue_tickets; the estimate's own trips stay few.
    proxy.reset();
    expectStatus(await issue('trip-look'), 201);
    const statements = proxy.statements();
    expect(statements.filter((sql) => /skranke_issue_tickets/.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => !estimateAtIssue(sql))).toHaveLength(1);
    console.log(`issue: ${statements.length} round trips, of which the estimate told at issue ${statements.length - 1}`);
    expect(statements.length).toBeLessThanOrEqual(12);
    seen.open = await trips(() => staff.post(`/counters/${counter}/open`), 200);
    seen.pause = await trips(() => staff.post(`/counters/${counter}/pause`, { reason: 'break' }), 200);
    expectStatus(await staff.post(`/counters/${counter}/open`), 200);
    for (let i = 0; i < 30; i++) expectStatus(await issue(`more-${i}`), 201);

    // One citizen at a time through every action: call, recall, start, finish; call, no-show; call, transfer, call, cancel.
    const cycle: Record<string, number[]> = { 'call-next': [], recall: [], start: [], finish: [], 'no-show': [], transfer: [], cancel: [] };
    for (let i = 0; i < REPEAT + 1; i++) {
      const step = async (name: string, act: () => Promise<Reply>) => {
        proxy.reset();
        const r = await act();
        expectStatus(r, 200);
        if (i > 0) cycle[name].push(proxy.count());
        return r.body;
      };
      const callNext = async () => (await step('call-next', () => staff.post(`/counters/${counter}/call-next`))).ticket;
      let t = await callNext();
      await step('recall', () => staff.post(`/tickets/${t.id}/recall`));
      await step('start', () => staff.post(`/tickets/${t.id}/start`));
      await step('finish', () => staff.post(`/tickets/${t.id}/finish`, { outcome: 'resolved' }));
      t = await callNext();
      await step('recall', () => staff.post(`/tickets/${t.id}/recall`));
      await step('no-show', () => staff.post(`/tickets/${t.id}/no-show`));
      t = await callNext();
      await step('transfer', () => staff.post(`/tickets/${t.id}/transfer`, { serviceId: f.services[1].id, placement: 'back' }));
      await step('cancel', () => staff.post(`/tickets/${t.id}/cancel`));
    }
    Object.assign(seen, cycle);
    seen.close = await trips(() => staff.post(`/counters/${counter}/close`), 200);

    console.log(
      Object.entries(seen)
        .map(([op, counts]) => `${op}: ${counts.join(' ')}`)
        .join('\n'),
    );
    expect(Object.fromEntries(Object.entries(seen).map(([op, counts]) => [op, median(counts)]))).toEqual(
      Object.fromEntries(Object.keys(seen).map((op) => [op, 1])),
    );
  });
});
