/**
 * The ticket change functions (migration 1795541000000) guard transitions
 * as the domain's state machine does (libs/domain ticket-machine.ts): random
 * sequences of actions on one ticket, each applied to the domain
 * (`nextStatus`, `assertNoShowAllowed`, the same-service rule) and to
 * `skranke_ticket_action` / `skranke_call_next` on a real database, must be
 * refused with the same kind and code, or lead to the same status, recall
 * count and service. And `skranke_call_next` runs the claim of
 * claim-next.sql.ts, as frozen in its migration.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { refusal } from '../../libs/core/src/events/site-function';
import { claimNextSql } from '../../libs/core/src/tickets/claim-next.sql';
import { DomainError, TicketStatus, assertNoShowAllowed, nextStatus, ruleBroken } from '../../libs/domain/src';
import { createTestDatabase } from '../support/database';

type Op =
  | { kind: 'call' | 'recall' | 'start' | 'no-show' | 'cancel' | 'expire' }
  | { kind: 'transfer'; to: 'S' | 'T'; placement: 'front' | 'back' | 'by-arrival' }
  | { kind: 'finish'; outcome: 'resolved' | 'follow-up' };

type Step = { op: Op; seconds: number };

interface Model {
  status: TicketStatus;
  service: 'S' | 'T';
  recalls: number;
  calledAt: Date | null;
}

const RULE = { minRecalls: 2, afterSeconds: 90 };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('call' as const, 'recall' as const, 'start' as const, 'no-show' as const, 'cancel' as const, 'expire' as const) }),
  fc.record({ kind: fc.constant('transfer' as const), to: fc.constantFrom('S' as const, 'T' as const), placement: fc.constantFrom('front' as const, 'back' as const, 'by-arrival' as const) }),
  fc.record({ kind: fc.constant('finish' as const), outcome: fc.constantFrom('resolved' as const, 'follow-up' as const) }),
);
const stepsArb = fc.array(fc.record({ op: opArb, seconds: fc.constantFrom(0, 5, 40, 100) }), { minLength: 1, maxLength: 12 });

/** What the domain makes of `op` on a ticket in `m`: the next model, or the refusal as `kind:code`. */
function domain(m: Model, op: Op, now: Date): Model | string {
  try {
    const status = nextStatus(m.status, op.kind === 'call' ? 'call' : op.kind);
    if (op.kind === 'no-show') assertNoShowAllowed({ recallCount: m.recalls, calledAt: m.calledAt }, now, RULE);
    if (op.kind === 'transfer' && op.to === m.service && m.status === 'waiting') throw ruleBroken('same_service', '');
    const next = { ...m, status };
    if (op.kind === 'call') next.calledAt = now;
    if (op.kind === 'recall') next.recalls += 1;
    if (op.kind === 'transfer') Object.assign(next, { service: op.to, recalls: 0, calledAt: null });
    return next;
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
}

describe('ticket change functions refuse what the domain state machine refuses', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  let site: string;
  let counter: string;
  const services: Record<'S' | 'T', string> = { S: '', T: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const one = async (sql: string, values: unknown[] = []) => (await pg.query(sql, values)).rows[0].id as string;
    site = await one(
      `INSERT INTO site (slug, name, timezone, opening_hours, ordering, settings)
       VALUES ('fn-agreement', 'Agreement', 'Europe/Copenhagen', '{}', '{}', $1) RETURNING id`,
      [{ noShowMinRecalls: RULE.minRecalls, noShowAfterSeconds: RULE.afterSeconds }],
    );
    for (const code of ['S', 'T'] as const) {
      services[code] = await one(
        `INSERT INTO service (site_id, code, prefix, names, target_wait_minutes, service_level_percent) VALUES ($1, $2, $2, '{}', 15, 80) RETURNING id`,
        [site, code],
      );
    }
    counter = await one(`INSERT INTO counter (site_id, name, kind, service_ids, state) VALUES ($1, 'Skranke 1', 'counter', $2, 'open') RETURNING id`, [
      site,
      [services.S, services.T],
    ]);
  });

  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  /** The function's answer to `op`: the ticket's status, recalls and service after it, or the refusal as `kind:code`. */
  async function sql(ticket: string, op: Op, now: Date): Promise<{ status: string; recalls: number; service: string } | string> {
    try {
      if (op.kind === 'call') {
        await pg.query(`SELECT (skranke_call_next($1, $2, NULL, NULL, NULL, $3, '{}')).o_events`, [counter, now, site]);
      } else {
        const input =
          op.kind === 'transfer' ? { serviceId: services[op.to], placement: op.placement }
          : op.kind === 'finish' ? { outcome: op.outcome }
          : op.kind === 'no-show' ? { noShowDefaults: { minRecalls: 1, afterSeconds: 120 } }
          : { reason: op.kind };
        await pg.query(`SELECT (skranke_ticket_action($1, $2, $3, $4, NULL, NULL, $5, '{}')).o_events`, [site, ticket, op.kind, now, input]);
      }
    } catch (e) {
      const refused = refusal(e);
      if (refused) return `${refused.kind}:${refused.code}`;
      throw e;
    }
    const { rows } = await pg.query(`SELECT status, recall_count, service_id FROM ticket WHERE id = $1`, [ticket]);
    return { status: rows[0].status, recalls: rows[0].recall_count, service: rows[0].service_id };
  }

  it('gives the same refusal or the same result for every action, step by step', async () => {
    const start = new Date('2026-03-02T09:00:00Z');
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps: Step[]) => {
        await pg.query('DELETE FROM ticket');
        const { rows } = await pg.query(
          `INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, channel, issued_at, ordered_at, tracking_token)
           VALUES ($1, $2, $2, '2026-03-02', 1, 'S001', 'kiosk', $3, $3, md5(random()::text)) RETURNING id`,
          [site, services.S, start],
        );
        let model: Model = { status: 'waiting', service: 'S', recalls: 0, calledAt: null };
        let now = start;
        for (const { op, seconds } of steps) {
          now = new Date(now.getTime() + seconds * 1000);
          // Call next calls whatever waits; as "call this ticket" it only means something for a waiting one.
          if (op.kind === 'call' && model.status !== 'waiting') continue;
          const expected = domain(model, op, now);
          const got = await sql(rows[0].id, op, now);
          if (typeof expected === 'string') {
            expect([op.kind, got]).toEqual([op.kind, expected]);
          } else {
            expect([op.kind, got]).toEqual([op.kind, { status: expected.status, recalls: expected.recalls, service: services[expected.service] }]);
            model = expected;
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a ticket of another site as an unknown one', async () => {
    const action = (siteId: string, ticketId: string) =>
      pg.query(`SELECT skranke_ticket_action($1, $2, 'recall', now(), NULL, NULL, '{}', '{}')`, [siteId, ticketId]).then(
        () => 'done',
        (e: unknown) => refusal(e)?.code,
      );
    const { rows } = await pg.query(`SELECT id FROM ticket LIMIT 1`);
    expect(await action('00000000-0000-4000-8000-000000000000', rows[0].id)).toBe('ticket_not_found');
    expect(await action(site, '00000000-0000-4000-8000-000000000000')).toBe('ticket_not_found');
  });

  it('claims with the text of claim-next.sql.ts as frozen in the migration', async () => {
    const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
    const { rows } = await pg.query(`SELECT prosrc FROM pg_proc WHERE proname = 'skranke_call_next'`);
    const claim = flat(claimNextSql('ticket')).replace('claimed.* FROM c', 'claimed.* INTO r FROM c');
    expect(flat(rows[0].prosrc)).toContain(claim);
  });
});
