import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counter hold (migration 1795541100000) checked inside each counter
 * change's own statement, so the change stays one round trip: the change
 * functions are called with their counter or ticket id passed through these
 * guards (libs/core call-next, counter-state, ticket-actions, call-ticket). A
 * staff member acting while another holds the counter is refused
 * `counter_held`; the holder's and counter's names travel as JSON in DETAIL
 * (site-function.ts makes them the refusal's details). No user (a device, the
 * system) and a counter nobody holds pass. Ticket actions are guarded only
 * where they are the counter's: recall, start, no-show, finish.
 */
const UP = /* sql */ `
  CREATE FUNCTION skranke_hold_guard(p_counter uuid, p_user uuid) RETURNS uuid
  LANGUAGE plpgsql STABLE AS $fn$
  DECLARE
    r record;
  BEGIN
    IF p_user IS NULL OR p_counter IS NULL THEN RETURN p_counter; END IF;
    SELECT u.display_name, c.name INTO r FROM counter_hold h JOIN staff_user u ON u.id = h.user_id JOIN counter c ON c.id = h.counter_id
    WHERE h.counter_id = p_counter AND h.user_id <> p_user;
    IF FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'SK001', HINT = 'conflict:counter_held',
        MESSAGE = format('%s is in use by %s; take it over to work at it.', r.name, r.display_name),
        DETAIL = jsonb_build_object('userName', r.display_name, 'counterName', r.name)::text;
    END IF;
    RETURN p_counter;
  END
  $fn$;

  CREATE FUNCTION skranke_ticket_hold_guard(p_ticket uuid, p_user uuid, p_action text) RETURNS uuid
  LANGUAGE plpgsql STABLE AS $fn$
  BEGIN
    IF p_user IS NOT NULL AND p_action IN ('recall', 'start', 'no-show', 'finish') THEN
      PERFORM skranke_hold_guard((SELECT t.counter_id FROM ticket t WHERE t.id = p_ticket), p_user);
    END IF;
    RETURN p_ticket;
  END
  $fn$;
`;

export class CounterHoldGuard1795541110000 implements MigrationInterface {
  name = 'CounterHoldGuard1795541110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION skranke_ticket_hold_guard(uuid, uuid, text);
      DROP FUNCTION skranke_hold_guard(uuid, uuid);`);
  }
}
