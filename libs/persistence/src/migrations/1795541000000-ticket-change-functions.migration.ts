import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every hot ticket change as one PostgreSQL function, called with parameters
 * as one prepared statement (libs/core site-function.ts): atomic by itself, so
 * a change costs one round trip with no BEGIN or COMMIT of its own (as
 * Graphile Worker's `get_job`). Each does what the TypeScript did in its
 * transaction: lock, guard, write, append the events (`append_site_events`),
 * and returns the changed row with the events as appended.
 *
 * Refusals raise SQLSTATE `SK001` with the DomainError as HINT (`kind:code`)
 * and the message as MESSAGE; site-function.ts maps them back. The guards
 * mirror the domain's state machine (ticket-machine.ts); the agreement test
 * (test/e2e/ticket-functions.spec.ts) keeps them in step.
 *
 * The call-next claim is the text of claim-next.sql.ts as it stood, frozen.
 */
const FUNCTIONS = /* sql */ `
  CREATE FUNCTION skranke_refuse(p_kind text, p_code text, p_message text) RETURNS void
  LANGUAGE plpgsql AS $fn$
  BEGIN
    RAISE EXCEPTION USING ERRCODE = 'SK001', MESSAGE = p_message, HINT = p_kind || ':' || p_code;
  END
  $fn$;

  -- As publicTicket (libs/core ticket-views.ts): what displays and the event log carry.
  CREATE FUNCTION skranke_public_ticket(t ticket, p_counter_name text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $fn$
    SELECT jsonb_build_object('ticketId', t.id, 'number', t.number, 'serviceId', t.service_id, 'status', t.status,
      'counterId', t.counter_id, 'counterName', p_counter_name, 'seat', t.seat, 'recallCount', t.recall_count)
  $fn$;

  -- A time as JavaScript's toISOString writes it.
  CREATE FUNCTION skranke_iso(p_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE AS $fn$
    SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  $fn$;

  -- The queue.changed payload for these services (first mention first), with the estimates the caller
  -- passed ({serviceId: estimate}); services without one are left out. Waiting counts are filled on append.
  CREATE FUNCTION skranke_queue_changed(p_estimates jsonb, p_services uuid[]) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $fn$
    SELECT jsonb_build_object('services', coalesce(jsonb_agg(
      jsonb_build_object('serviceId', s.id, 'waiting', 0, 'estimatedWait', p_estimates -> s.id::text) ORDER BY s.o), '[]'::jsonb))
    FROM (SELECT u.id, min(u.o) AS o FROM unnest(p_services) WITH ORDINALITY AS u(id, o) GROUP BY u.id) s
    WHERE p_estimates ? s.id::text
  $fn$;

  -- Appends the events and returns them as stored ([{seq, type, ticketId, counterId, payload}]).
  CREATE FUNCTION skranke_append(
    p_site uuid, p_at timestamptz, p_user uuid, p_device uuid,
    p_types text[], p_ticket_ids uuid[], p_counter_ids uuid[], p_payloads jsonb[]
  ) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    v_first integer;
  BEGIN
    SELECT a.first_seq INTO v_first FROM append_site_events(p_site, p_at, p_user, p_device, p_types, p_ticket_ids, p_counter_ids, p_payloads) a;
    RETURN (SELECT jsonb_agg(jsonb_build_object('seq', e.seq, 'type', e.type, 'ticketId', e.ticket_id, 'counterId', e.counter_id, 'payload', e.payload) ORDER BY e.seq)
            FROM ticket_event e WHERE e.site_id = p_site AND e.seq >= v_first AND e.seq < v_first + cardinality(p_types));
  END
  $fn$;

  -- A counter opens, pauses or closes (counter-state.service.ts).
  CREATE FUNCTION skranke_counter_state(
    p_site uuid, p_counter uuid, p_state text, p_reason text, p_now timestamptz, p_user uuid, p_device uuid, p_estimates jsonb,
    OUT o_counter counter, OUT o_events jsonb
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    v counter;
    v_active integer;
  BEGIN
    SELECT * INTO v FROM counter WHERE id = p_counter FOR UPDATE;
    IF NOT FOUND OR NOT v.active THEN PERFORM skranke_refuse('not-found', 'counter_not_found', 'No counter with that id.'); END IF;
    IF v.site_id <> p_site THEN PERFORM skranke_refuse('conflict', 'counter_other_site', 'That counter belongs to another site.'); END IF;
    IF p_state = 'closed' THEN
      SELECT count(*)::int INTO v_active FROM ticket WHERE counter_id = v.id AND status IN ('called', 'in-service');
      IF v_active > 0 THEN
        PERFORM skranke_refuse('conflict', 'counter_has_active_ticket',
          format('%s still has %s citizen(s); finish or transfer them first.', v.name, v_active));
      END IF;
    END IF;
    v.state := p_state;
    v.pause_reason := CASE WHEN p_state = 'paused' THEN p_reason END;
    v.staff_user_id := CASE WHEN p_state = 'closed' THEN NULL ELSE coalesce(p_user, v.staff_user_id) END;
    v.state_changed_at := p_now;
    UPDATE counter SET state = v.state, pause_reason = v.pause_reason, staff_user_id = v.staff_user_id, state_changed_at = v.state_changed_at
    WHERE id = v.id;
    o_counter := v;
    -- Open counters change every estimate of the services they serve.
    o_events := skranke_append(p_site, p_now, p_user, p_device,
      ARRAY['counter.changed', 'queue.changed'], ARRAY[NULL, NULL]::uuid[], ARRAY[v.id, NULL],
      ARRAY[jsonb_build_object('counterId', v.id, 'name', v.name, 'state', v.state, 'kind', v.kind),
            skranke_queue_changed(p_estimates, v.service_ids)]);
  END
  $fn$;

  -- A counter-side change to one ticket (ticket-actions.service.ts): recall, start, no-show, cancel, transfer, finish, expire.
  -- p_input: reason (cancel, expire), outcome and helpMode (finish), serviceId and placement (transfer),
  -- noShowDefaults {minRecalls, afterSeconds} for a site without its own.
  CREATE FUNCTION skranke_ticket_action(
    p_site uuid, p_ticket uuid, p_action text, p_now timestamptz, p_user uuid, p_device uuid, p_input jsonb, p_estimates jsonb,
    OUT o_ticket ticket, OUT o_counter_name text, OUT o_events jsonb
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    v ticket;
    v_before ticket;
    v_from text[];
    v_to text;
    v_extra jsonb := '{}'::jsonb;
    v_settings jsonb;
    v_target uuid;
    v_head timestamptz;
    v_counter uuid;
    v_types text[];
    v_ids uuid[];
    v_counters uuid[];
    v_payloads jsonb[];
  BEGIN
    SELECT * INTO v FROM ticket WHERE id = p_ticket FOR UPDATE;
    -- Another site's ticket as none: a site's staff learn nothing of other sites' ids.
    IF NOT FOUND OR v.site_id <> p_site THEN PERFORM skranke_refuse('not-found', 'ticket_not_found', 'No ticket with that id.'); END IF;
    v_before := v;
    -- The state machine of ticket-machine.ts: where each action may start, and where it leads.
    SELECT m.f, m.t INTO v_from, v_to FROM (VALUES
      ('recall', '{called}'::text[], 'called'),
      ('start', '{called}', 'in-service'),
      ('no-show', '{called}', 'no-show'),
      ('cancel', '{waiting,called}', 'cancelled'),
      ('transfer', '{waiting,called,in-service}', 'waiting'),
      ('finish', '{called,in-service}', 'finished'),
      ('expire', '{waiting}', 'expired')) AS m(a, f, t) WHERE m.a = p_action;
    IF NOT FOUND THEN RAISE EXCEPTION 'skranke_ticket_action: unknown action %', p_action; END IF;
    IF NOT v.status = ANY (v_from) THEN
      PERFORM skranke_refuse('conflict', 'illegal_transition', format('A ticket that is %s cannot be given "%s".', v.status, p_action));
    END IF;
    CASE p_action
      WHEN 'recall' THEN
        -- called_at stays the first call: it measures the wait, and the no-show rule counts from it.
        v.recall_count := v.recall_count + 1;
      WHEN 'start' THEN
        v.started_at := p_now;
      WHEN 'no-show' THEN
        SELECT s.settings INTO v_settings FROM site s WHERE s.id = p_site;
        v_settings := coalesce(p_input -> 'noShowDefaults', '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object(
          'minRecalls', v_settings -> 'noShowMinRecalls', 'afterSeconds', v_settings -> 'noShowAfterSeconds'));
        IF (v.recall_count >= (v_settings ->> 'minRecalls')::float8
            OR coalesce(extract(epoch FROM p_now - v.called_at), 0) >= (v_settings ->> 'afterSeconds')::float8) IS NOT TRUE THEN
          PERFORM skranke_refuse('rule', 'no_show_too_early', format(
            'Recall the citizen at least %s time(s) or wait %s s before marking a no-show.', v_settings ->> 'minRecalls', v_settings ->> 'afterSeconds'));
        END IF;
        v.ended_at := p_now;
        v.end_reason := 'no-show';
      WHEN 'cancel', 'expire' THEN
        v.ended_at := p_now;
        v.end_reason := coalesce(p_input ->> 'reason', 'cancelled');
      WHEN 'finish' THEN
        v.started_at := coalesce(v.started_at, p_now);
        v.ended_at := p_now;
        v.outcome := p_input ->> 'outcome';
        v.help_mode := p_input ->> 'helpMode';
      WHEN 'transfer' THEN
        -- The citizen keeps number and tracking link; the history stays in the event log.
        SELECT s.id INTO v_target FROM service s WHERE s.id = (p_input ->> 'serviceId')::uuid AND s.site_id = p_site AND s.active;
        IF v_target IS NULL THEN PERFORM skranke_refuse('not-found', 'service_not_found', 'No active service with that id at this site.'); END IF;
        IF v_target = v.service_id AND v.status = 'waiting' THEN
          PERFORM skranke_refuse('rule', 'same_service', 'The ticket already waits for that service.');
        END IF;
        SELECT min(t.ordered_at) INTO v_head FROM ticket t
        WHERE t.site_id = p_site AND t.business_date = v.business_date AND t.service_id = v_target AND t.status = 'waiting';
        v_extra := jsonb_build_object('fromServiceId', v.service_id, 'toServiceId', v_target, 'placement', p_input ->> 'placement');
        v.service_id := v_target;
        -- placementTime (libs/domain ordering.ts).
        v.ordered_at := CASE p_input ->> 'placement'
          WHEN 'by-arrival' THEN v.issued_at
          WHEN 'back' THEN p_now
          ELSE least(CASE WHEN v_head < p_now THEN v_head ELSE p_now END, v.issued_at, p_now) - interval '1 second' END;
        v.counter_id := NULL;
        v.seat := NULL;
        v.called_at := NULL;
        v.started_at := NULL;
        v.recall_count := 0;
        v.transfer_count := v.transfer_count + 1;
    END CASE;
    v.status := v_to;
    UPDATE ticket SET status = v.status, service_id = v.service_id, ordered_at = v.ordered_at, called_at = v.called_at,
      started_at = v.started_at, ended_at = v.ended_at, end_reason = v.end_reason, counter_id = v.counter_id, seat = v.seat,
      recall_count = v.recall_count, transfer_count = v.transfer_count, outcome = v.outcome, help_mode = v.help_mode
    WHERE id = v.id;
    o_ticket := v;
    v_counter := coalesce(v.counter_id, v_before.counter_id);
    SELECT c.name INTO o_counter_name FROM counter c WHERE c.id = v_counter;
    v_ids := ARRAY[v.id];
    v_counters := ARRAY[v.counter_id];
    v_types := ARRAY['ticket.' || CASE p_action WHEN 'recall' THEN 'recalled' WHEN 'start' THEN 'started' WHEN 'cancel' THEN 'cancelled'
      WHEN 'finish' THEN 'finished' WHEN 'transfer' THEN 'transferred' WHEN 'expire' THEN 'expired' ELSE p_action END];
    v_payloads := ARRAY[skranke_public_ticket(v, o_counter_name) || v_extra || jsonb_build_object('counterId', v_counter)];
    IF v_before.status = 'waiting' OR v.status = 'waiting' THEN
      v_types := array_append(v_types, 'queue.changed');
      v_ids := array_append(v_ids, NULL);
      v_counters := array_append(v_counters, NULL);
      v_payloads := array_append(v_payloads, skranke_queue_changed(p_estimates, ARRAY[v_before.service_id, v.service_id]));
    END IF;
    o_events := skranke_append(p_site, p_now, p_user, p_device, v_types, v_ids, v_counters, v_payloads);
  END
  $fn$;

  -- Call next (call-next.service.ts): the claim of claim-next.sql.ts, then its events. Nothing claimed
  -- (nothing waits for this counter) returns a null ticket and no events.
  CREATE FUNCTION skranke_call_next(
    p_counter uuid, p_now timestamptz, p_seat int, p_user uuid, p_device uuid, p_site uuid, p_estimates jsonb,
    OUT o_ticket ticket, OUT o_counter_name text, OUT o_events jsonb
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    r record;
    v ticket;
  BEGIN
        WITH c AS (
          SELECT id, site_id, name, state, active, seats, service_ids FROM counter WHERE id = $1 FOR UPDATE
        ),
        o AS (
          SELECT 
        s.id AS site_id,
        ($2::timestamptz AT TIME ZONE s.timezone)::date AS business_date,
        coalesce(s.ordering ->> 'policy', 'target-aware') AS policy,
        coalesce((s.ordering ->> 'priorityHeadStartMinutes')::float8, 10) AS head_start,
        coalesce((s.ordering ->> 'preferenceDecay')::float8, 0.5) AS decay,
        coalesce((s.ordering ->> 'appointmentCallAheadMinutes')::float8, 2) AS call_ahead FROM site s JOIN c ON s.id = c.site_id
        ),
        busy AS (
          SELECT coalesce(array_agg(t.seat), '{}') AS seats FROM ticket t WHERE t.counter_id = $1 AND t.status IN ('called', 'in-service')
        ),
        chosen AS (
          SELECT CASE WHEN $3::int IS NULL THEN (SELECT min(g) FROM generate_series(1, c.seats) g WHERE g <> ALL (busy.seats))
                      WHEN $3::int BETWEEN 1 AND c.seats AND $3::int <> ALL (busy.seats) THEN $3::int END AS seat
          FROM c CROSS JOIN busy
        ),
        heads AS (
          SELECT h.id FROM c CROSS JOIN o CROSS JOIN unnest(c.service_ids) AS sid(id)
            CROSS JOIN LATERAL (
              SELECT t.id FROM ticket t
              WHERE t.site_id = o.site_id AND t.business_date = o.business_date AND t.status = 'waiting' AND t.service_id = sid.id
              ORDER BY t.ordered_at
              FETCH FIRST 8 ROWS WITH TIES
            ) h
          UNION
          SELECT t.id FROM ticket t CROSS JOIN c CROSS JOIN o
          WHERE t.site_id = o.site_id AND t.business_date = o.business_date AND t.status = 'waiting'
            AND (t.priority > 0 OR t.appointment_at IS NOT NULL) AND t.service_id = ANY (c.service_ids)
        ),
        best_head AS (

          SELECT t.id FROM ticket t JOIN service s ON s.id = t.service_id CROSS JOIN c CROSS JOIN o CROSS JOIN chosen
          WHERE c.active AND c.state = 'open' AND chosen.seat IS NOT NULL AND t.status IS NOT DISTINCT FROM 'waiting' AND t.id = ANY (ARRAY(SELECT id FROM heads))
          ORDER BY 
        CASE WHEN t.appointment_at IS NULL THEN 1
             WHEN t.appointment_at - make_interval(secs => o.call_ahead * 60) <= $2::timestamptz THEN 0 ELSE 2 END,
        t.appointment_at ASC NULLS LAST,
        CASE WHEN t.appointment_at IS NOT NULL THEN 0
             WHEN o.policy = 'target-aware' THEN
               ((extract(epoch FROM ($2::timestamptz - t.ordered_at)) / 60 + CASE WHEN t.priority > 0 THEN o.head_start ELSE 0 END)
                / s.target_wait_minutes) * power(o.decay, array_position(c.service_ids, t.service_id) - 1)
             WHEN o.policy = 'profile-order' THEN 1 - array_position(c.service_ids, t.service_id)
             ELSE 0 END DESC,
        t.ordered_at, t.id
          LIMIT 1
          FOR UPDATE OF t SKIP LOCKED
        ),
        best_of_all AS (

          SELECT t.id FROM ticket t JOIN service s ON s.id = t.service_id CROSS JOIN c CROSS JOIN o CROSS JOIN chosen
          WHERE c.active AND c.state = 'open' AND chosen.seat IS NOT NULL AND t.status = 'waiting' AND t.site_id = o.site_id AND t.business_date = o.business_date AND t.service_id = ANY (c.service_ids)
            AND NOT EXISTS (SELECT 1 FROM best_head)
          ORDER BY 
        CASE WHEN t.appointment_at IS NULL THEN 1
             WHEN t.appointment_at - make_interval(secs => o.call_ahead * 60) <= $2::timestamptz THEN 0 ELSE 2 END,
        t.appointment_at ASC NULLS LAST,
        CASE WHEN t.appointment_at IS NOT NULL THEN 0
             WHEN o.policy = 'target-aware' THEN
               ((extract(epoch FROM ($2::timestamptz - t.ordered_at)) / 60 + CASE WHEN t.priority > 0 THEN o.head_start ELSE 0 END)
                / s.target_wait_minutes) * power(o.decay, array_position(c.service_ids, t.service_id) - 1)
             WHEN o.policy = 'profile-order' THEN 1 - array_position(c.service_ids, t.service_id)
             ELSE 0 END DESC,
        t.ordered_at, t.id
          LIMIT 1
          FOR UPDATE OF t SKIP LOCKED
        ),
        candidate AS (
          SELECT id FROM best_head UNION ALL SELECT id FROM best_of_all
        ),
        claimed AS (
          UPDATE ticket SET status = 'called', called_at = $2::timestamptz, counter_id = $1, seat = chosen.seat, served_by_user_id = $4
          FROM chosen
          WHERE ticket.id = (SELECT id FROM candidate) AND ticket.status IS NOT DISTINCT FROM 'waiting'
          RETURNING ticket
        )
        SELECT c.site_id AS claim_counter_site_id, c.name AS claim_counter_name, c.state AS claim_counter_state,
               c.active AS claim_counter_active, c.seats AS claim_counter_seats, chosen.seat AS claim_seat, claimed.*
        INTO r
        FROM c CROSS JOIN chosen LEFT JOIN claimed ON true;
    IF NOT FOUND THEN PERFORM skranke_refuse('not-found', 'counter_not_found', 'No counter with that id.'); END IF;
    IF NOT r.claim_counter_active THEN PERFORM skranke_refuse('not-found', 'counter_not_found', 'No counter with that id.'); END IF;
    o_counter_name := r.claim_counter_name;
    IF r.claim_counter_state <> 'open' THEN
      PERFORM skranke_refuse('conflict', 'counter_not_open', format('%s is %s; open it before calling.', r.claim_counter_name, r.claim_counter_state));
    END IF;
    IF p_seat IS NOT NULL AND (p_seat < 1 OR p_seat > r.claim_counter_seats) THEN
      PERFORM skranke_refuse('invalid', 'invalid_seat', format('%s has seats 1 to %s.', r.claim_counter_name, r.claim_counter_seats));
    END IF;
    IF r.claim_seat IS NULL THEN
      PERFORM skranke_refuse('conflict', 'seat_busy', CASE WHEN p_seat IS NOT NULL
        THEN format('Seat %s at %s still has a citizen; finish first.', p_seat, r.claim_counter_name)
        ELSE format('%s still has a citizen%s; finish first.', r.claim_counter_name, CASE WHEN r.claim_counter_seats > 1 THEN ' in every seat' ELSE '' END) END);
    END IF;
    v := r.ticket;
    IF v.id IS NULL THEN RETURN; END IF;
    o_ticket := v;
    o_events := skranke_append(p_site, p_now, p_user, p_device, ARRAY['ticket.called', 'queue.changed'],
      ARRAY[v.id, NULL]::uuid[], ARRAY[v.counter_id, NULL]::uuid[],
      ARRAY[skranke_public_ticket(v, r.claim_counter_name) || jsonb_build_object('calledAt', skranke_iso(v.called_at)),
            skranke_queue_changed(p_estimates, ARRAY[v.service_id])]);
  END
  $fn$;
`;

export class TicketChangeFunctions1795541000000 implements MigrationInterface {
  name = 'TicketChangeFunctions1795541000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION skranke_call_next(uuid, timestamptz, int, uuid, uuid, uuid, jsonb);
      DROP FUNCTION skranke_ticket_action(uuid, uuid, text, timestamptz, uuid, uuid, jsonb, jsonb);
      DROP FUNCTION skranke_counter_state(uuid, uuid, text, text, timestamptz, uuid, uuid, jsonb);
      DROP FUNCTION skranke_append(uuid, timestamptz, uuid, uuid, text[], uuid[], uuid[], jsonb[]);
      DROP FUNCTION skranke_queue_changed(jsonb, uuid[]);
      DROP FUNCTION skranke_iso(timestamptz);
      DROP FUNCTION skranke_public_ticket(ticket, text);
      DROP FUNCTION skranke_refuse(text, text, text);`);
  }
}
