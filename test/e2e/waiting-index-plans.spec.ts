/**
 * The hot statements that read a ticket by id must stay primary-key lookups
 * however many tickets wait elsewhere. Each pooled connection keeps its plan of
 * them (prepared statements), and the planner sizes the waiting-queue index
 * from the last ANALYZE: one run at night, when nothing waits, makes it look
 * empty all the next day. A by-id read with `status = 'waiting'` beside it then
 * scanned that whole index, every waiting ticket of every site: the place in
 * line on each kiosk ticket (while the number's row lock was held) and the
 * claim on each call next. Here: ten days of history, an ANALYZE with nothing
 * waiting, the plans made, then 2,000 tickets waiting at another site.
 */
import { Client as PgClient } from 'pg';
import { POSITION_SQL } from '../../libs/core/src/state/queue-position';
import { claimNextSql } from '../../libs/core/src/tickets/claim-next.sql';
import { SiteFixture, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every scan of the plan that filtered out more than a few rows, with how many. */
function wideScans(node: PlanNode): { scan: string; removed: number }[] {
  const removed = node['Rows Removed by Filter'] ?? 0;
  const own = removed > 10 ? [{ scan: `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim(), removed }] : [];
  return [...own, ...(node.Plans ?? []).flatMap(wideScans)];
}

/** `count` copies of a ticket at its site, each with its own id, number and token. */
const copies = (status: 'waiting' | 'expired', daysBack: string, count: number) => `
  INSERT INTO ticket (id, site_id, service_id, issued_service_id, business_date, sequence, number, status, priority, channel,
                      language, issued_at, ordered_at, ended_at, end_reason, flags, tracking_token, recall_count, transfer_count)
  SELECT gen_random_uuid(), site_id, service_id, issued_service_id, business_date - (${daysBack}), 1000 + g, 'P' || (1000 + g), '${status}', 0,
         channel, language, issued_at, ordered_at + g * interval '1 ms', ${status === 'waiting' ? 'NULL, NULL' : `issued_at, 'day-closed'`},
         flags, md5(random()::text) || g, 0, 0
  FROM ticket, generate_series(1, ${count}) g WHERE id = $1`;

describe('plans of the by-id statements after a night’s ANALYZE saw nothing waiting', () => {
  let sys: TestSystem;
  let db: PgClient;
  let here: SiteFixture;
  let mine: { id: string; position: number }[];
  let busySeed: string;
  beforeAll(async () => {
    sys = await startSystem();
    db = new PgClient({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    here = await seedSite(sys, { services: 1 });
    const busy = await seedSite(sys, { services: 1 });
    mine = [];
    for (let i = 0; i < 3; i++) mine.push(await issue(here, here.services[0].id));
    busySeed = (await issue(busy, busy.services[0].id)).id;

    // Ten days of history at the busy site; at night nothing waits, and autovacuum's ANALYZE sees that.
    await db.query(copies('expired', '1 + g / 500', 5000), [busySeed]);
    const today = `(site_id = $1 OR site_id = $2) AND business_date = (SELECT max(business_date) FROM ticket)`;
    await db.query(`UPDATE ticket SET status = 'cancelled', ended_at = now(), end_reason = 'left' WHERE ${today}`, [here.siteId, busy.siteId]);
    await db.query('VACUUM ANALYZE ticket');
    await db.query(`UPDATE ticket SET status = 'waiting', ended_at = NULL, end_reason = NULL WHERE ${today}`, [here.siteId, busy.siteId]);
    // The plans a pooled connection keeps all day: generic ones, made before the room fills.
    await db.query(`SET plan_cache_mode = force_generic_plan`);
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  async function issue(f: SiteFixture, serviceId: string) {
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId });
    expectStatus(res, 201);
    return res.body as { id: string; position: number };
  }

  /** Plans `sql` now, runs it once to make the plan stay, fills the busy site, then explains a run of it. */
  async function planThenFill(name: string, sql: string, args: string): Promise<PlanNode> {
    await db.query(`PREPARE ${name} AS ${sql}`);
    await db.query(`EXPLAIN EXECUTE ${name}(${args})`);
    await db.query('BEGIN');
    try {
      await db.query(copies('waiting', '0', 2000), [busySeed]);
      const [{ 'QUERY PLAN': [explained] }] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${name}(${args})`)).rows as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      return explained.Plan;
    } finally {
      await db.query('ROLLBACK');
      await db.query(`DEALLOCATE ${name}`);
    }
  }

  it('the place in line reads its ticket by primary key and its line by the queue index, and still counts right', async () => {
    const [{ business_date: day }] = (await db.query(`SELECT business_date::text FROM ticket WHERE id = $1`, [mine[2].id])).rows;
    const args = `'${here.siteId}', '${day}', '${here.services[0].id}', now(), '${mine[2].id}'`;
    await db.query(`PREPARE check_place AS ${POSITION_SQL}`);
    expect((await db.query(`EXECUTE check_place(${args})`)).rows).toEqual([{ position: 3 }]);
    await db.query(`DEALLOCATE check_place`);
    expect(wideScans(await planThenFill('place_in_line', POSITION_SQL, args))).toEqual([]);
  });

  it('call next’s claim ranks its heads and updates the ticket it claims by primary key, and claims the first in line', async () => {
    const counter = here.counters[0].id;
    await openCounter(sys, here, counter);
    const args = `'${counter}', now(), NULL, NULL`;
    // Explained inside a transaction that is rolled back: the claim is an UPDATE.
    expect(wideScans(await planThenFill('claim_next', claimNextSql('ticket.id'), args))).toEqual([]);
    const called = await sys.counterDisplay[0].as(here.tokens.counter).post(`/counters/${counter}/call-next`, {});
    expectStatus(called, 200);
    expect(called.body.ticket.id).toBe(mine[0].id);
  });
});
