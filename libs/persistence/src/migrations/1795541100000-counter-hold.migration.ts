import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter is worked by one staff member at a time: `counter_hold` names who
 * holds it (taken when the counter page opens it, moved by a takeover, ended
 * on log-out or "change counter"). The row is the lock; PostgreSQL decides who
 * holds it (apps/counter-display counter-hold.service.ts).
 *
 * `skranke_call_ticket` calls one waiting ticket chosen at the counter (its
 * waiting list's "call this number"), as `skranke_call_next` calls the best
 * one: the counter row and then the ticket row are locked, so a call-next at
 * another counter either skips the ticket (SKIP LOCKED) and takes the next, or
 * took it first and this call is refused `ticket_not_waiting`. Same events.
 */
const UP = /* sql */ `
  CREATE TABLE counter_hold (
    counter_id uuid PRIMARY KEY REFERENCES counter (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
    since timestamptz NOT NULL
  );

  CREATE FUNCTION skranke_call_ticket(
    p_counter uuid, p_ticket uuid, p_now timestamptz, p_seat int, p_user uuid, p_device uuid, p_site uuid, p_estimates jsonb,
    OUT o_ticket ticket, OUT o_counter_name text, OUT o_events jsonb
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    c counter;
    v ticket;
    v_busy int[];
    v_seat int;
  BEGIN
    SELECT * INTO c FROM counter WHERE id = p_counter FOR UPDATE;
    IF NOT FOUND OR NOT c.active OR c.site_id <> p_site THEN PERFORM skranke_refuse('not-found', 'counter_not_found', 'No counter with that id.'); END IF;
    o_counter_name := c.name;
    IF c.state <> 'open' THEN
      PERFORM skranke_refuse('conflict', 'counter_not_open', format('%s is %s; open it before calling.', c.name, c.state));
    END IF;
    IF p_seat IS NOT NULL AND (p_seat < 1 OR p_seat > c.seats) THEN
      PERFORM skranke_refuse('invalid', 'invalid_seat', format('%s has seats 1 to %s.', c.name, c.seats));
    END IF;
    -- The counter row is locked: no other call at this counter takes a seat meanwhile.
    SELECT coalesce(array_agg(t.seat), '{}') INTO v_busy FROM ticket t WHERE t.counter_id = c.id AND t.status IN ('called', 'in-service');
    v_seat := CASE WHEN p_seat IS NULL THEN (SELECT min(g) FROM generate_series(1, c.seats) g WHERE g <> ALL (v_busy))
                   WHEN p_seat <> ALL (v_busy) THEN p_seat END;
    IF v_seat IS NULL THEN
      PERFORM skranke_refuse('conflict', 'seat_busy', format('%s still has a citizen in that seat; finish first.', c.name));
    END IF;
    -- Waits for a call-next that is claiming this ticket, then sees what it did.
    SELECT * INTO v FROM ticket WHERE id = p_ticket FOR UPDATE;
    IF NOT FOUND OR v.site_id <> p_site THEN PERFORM skranke_refuse('not-found', 'ticket_not_found', 'No ticket with that id.'); END IF;
    IF v.status <> 'waiting' THEN
      PERFORM skranke_refuse('conflict', 'ticket_not_waiting', format('%s is %s, no longer waiting.', v.number, v.status));
    END IF;
    IF NOT v.service_id = ANY (c.service_ids) THEN
      PERFORM skranke_refuse('conflict', 'ticket_not_for_counter', format('%s waits for a service %s does not serve.', v.number, c.name));
    END IF;
    UPDATE ticket SET status = 'called', called_at = p_now, counter_id = c.id, seat = v_seat, served_by_user_id = p_user
    WHERE id = v.id RETURNING * INTO v;
    o_ticket := v;
    o_events := skranke_append(p_site, p_now, p_user, p_device, ARRAY['ticket.called', 'queue.changed'],
      ARRAY[v.id, NULL]::uuid[], ARRAY[v.counter_id, NULL]::uuid[],
      ARRAY[skranke_public_ticket(v, c.name) || jsonb_build_object('calledAt', skranke_iso(v.called_at)),
            skranke_queue_changed(p_estimates, ARRAY[v.service_id])]);
  END
  $fn$;
`;

export class CounterHold1795541100000 implements MigrationInterface {
  name = 'CounterHold1795541100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION skranke_call_ticket(uuid, uuid, timestamptz, int, uuid, uuid, uuid, jsonb);
      DROP TABLE counter_hold;`);
  }
}
