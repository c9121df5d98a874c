import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuing as one PostgreSQL function (see TicketChangeFunctions1795541000000
 * for the why): `skranke_issue_tickets` issues one ticket or a kiosk batch in
 * one prepared call. Per member, in the order given (the batch's lock order):
 * claim its Idempotency-Key (a key used before fails the call with the key's
 * unique violation, as the held-back insert did), take the service's next
 * number (gapless, refused at the daily cap), insert the ticket. Then each
 * ticket's place in line (`skranke_place`, the text of queue-position.ts's
 * POSITION_SQL, frozen), read once per service of the batch: each count walks
 * the service's waiting line, and the walk-ins after the first follow it one
 * place each. Last each member's `ticket.issued` under its own actor and time,
 * the last with the batch's `queue.changed`.
 *
 * p_members: [{ticket: {column: value} (all but sequence and number), prefix,
 * cap, scope, key, userId, deviceId}]. Returns one row per member: the ticket
 * as stored, its place, and (first row) the events as appended.
 */
const FUNCTIONS = /* sql */ `
  CREATE FUNCTION skranke_place(p_site uuid, p_date date, p_service uuid, p_now timestamptz, p_ticket uuid) RETURNS integer
  LANGUAGE plpgsql VOLATILE AS $fn$
  BEGIN
    RETURN (
        WITH o AS MATERIALIZED (SELECT 
        s.id AS site_id,
        ($4::timestamptz AT TIME ZONE s.timezone)::date AS business_date,
        coalesce(s.ordering ->> 'policy', 'target-aware') AS policy,
        coalesce((s.ordering ->> 'priorityHeadStartMinutes')::float8, 10) AS head_start,
        coalesce((s.ordering ->> 'preferenceDecay')::float8, 0.5) AS decay,
        coalesce((s.ordering ->> 'appointmentCallAheadMinutes')::float8, 2) AS call_ahead FROM site s WHERE s.id = $1),
        x AS MATERIALIZED (
          SELECT id, service_id, priority, appointment_at, ordered_at, priority > 0 OR appointment_at IS NOT NULL AS special
          FROM ticket WHERE id = $5 AND status IS NOT DISTINCT FROM 'waiting'
        ),
        line AS (
          SELECT id, service_id, priority, appointment_at, ordered_at FROM x WHERE service_id = $3
          UNION ALL
          SELECT t.id, t.service_id, t.priority, t.appointment_at, t.ordered_at FROM ticket t
          WHERE t.site_id = $1 AND t.business_date = $2 AND t.status = 'waiting' AND (t.priority > 0 OR t.appointment_at IS NOT NULL)
            AND t.service_id = $3 AND t.id <> $5
          UNION ALL
          SELECT t.id, t.service_id, t.priority, t.appointment_at, t.ordered_at FROM ticket t
          WHERE (SELECT special FROM x) AND t.site_id = $1 AND t.business_date = $2 AND t.service_id = $3 AND t.status = 'waiting'
            AND t.priority = 0 AND t.appointment_at IS NULL AND t.id <> $5
        ),
        ranked AS (
          SELECT t.id, row_number() OVER (ORDER BY 
        CASE WHEN t.appointment_at IS NULL THEN 1
             WHEN t.appointment_at - make_interval(secs => o.call_ahead * 60) <= $4::timestamptz THEN 0 ELSE 2 END,
        t.appointment_at ASC NULLS LAST,
        CASE WHEN t.appointment_at IS NOT NULL THEN 0
             WHEN o.policy = 'target-aware' THEN
               ((extract(epoch FROM ($4::timestamptz - t.ordered_at)) / 60 + CASE WHEN t.priority > 0 THEN o.head_start ELSE 0 END)
                / s.target_wait_minutes) * power(o.decay, array_position(ARRAY[$3::uuid], t.service_id) - 1)
             WHEN o.policy = 'profile-order' THEN 1 - array_position(ARRAY[$3::uuid], t.service_id)
             ELSE 0 END DESC,
        t.ordered_at, t.id) AS position
          FROM o CROSS JOIN (SELECT id, target_wait_minutes FROM service WHERE id = $3) s JOIN line t ON t.service_id = s.id
        ),
        plain_ahead AS (
          SELECT count(*) AS n FROM ticket t CROSS JOIN x
          WHERE NOT x.special AND t.site_id = $1 AND t.business_date = $2 AND t.service_id = $3 AND t.status = 'waiting'
            AND t.priority = 0 AND t.appointment_at IS NULL AND (t.ordered_at, t.id) < (x.ordered_at, x.id)
        )
        SELECT (ranked.position + (SELECT n FROM plain_ahead))::int AS position FROM ranked WHERE id = $5
    );
  END
  $fn$;

  CREATE FUNCTION skranke_issue_tickets(
    p_site uuid, p_members jsonb, p_estimates jsonb,
    OUT o_ticket ticket, OUT o_place integer, OUT o_events jsonb
  ) RETURNS SETOF record
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    m jsonb;
    t ticket;
    v_seq integer;
    v_tickets ticket[] := '{}';
    v_places integer[] := '{}';
    v_events jsonb := '[]'::jsonb;
    v_n integer := jsonb_array_length(p_members);
    v_types text[];
    v_payloads jsonb[];
  BEGIN
    FOR i IN 1 .. v_n LOOP
      m := p_members -> (i - 1);
      t := jsonb_populate_record(NULL::ticket, m -> 'ticket');
      IF m ->> 'scope' IS NOT NULL THEN
        INSERT INTO idempotency_key (scope, key, ticket_id, created_at) VALUES (m ->> 'scope', m ->> 'key', t.id, t.issued_at);
      END IF;
      v_seq := NULL;
      INSERT INTO number_sequence AS q (site_id, service_id, business_date, last_number) VALUES (t.site_id, t.service_id, t.business_date, 1)
      ON CONFLICT (site_id, service_id, business_date) DO UPDATE SET last_number = q.last_number + 1
      WHERE (m ->> 'cap') IS NULL OR q.last_number < (m ->> 'cap')::int
      RETURNING q.last_number INTO v_seq;
      IF v_seq IS NULL THEN
        PERFORM skranke_refuse('rule', 'daily_cap_reached', 'All of today’s tickets for this service have been issued.');
      END IF;
      -- formatTicketNumber (libs/domain numbering.ts): prefix plus three digits, four past 999.
      t.sequence := v_seq;
      t.number := (m ->> 'prefix') || CASE WHEN v_seq > 999 THEN v_seq::text ELSE lpad(v_seq::text, 3, '0') END;
      INSERT INTO ticket SELECT t.*;
      v_tickets := array_append(v_tickets, t);
    END LOOP;
    FOR i IN 1 .. v_n LOOP
      t := v_tickets[i];
      -- Walk-ins of one service in a batch are consecutive (lock order) and numbered one after the
      -- other: each is one place behind the one before, unless the batch has a priority ticket for it.
      IF i > 1 AND (v_tickets[i - 1]).service_id = t.service_id
         AND NOT EXISTS (SELECT 1 FROM unnest(v_tickets) x WHERE x.service_id = t.service_id AND x.priority > 0) THEN
        v_places := array_append(v_places, v_places[i - 1] + 1);
      ELSE
        v_places := array_append(v_places, skranke_place(p_site, t.business_date, t.service_id, t.issued_at, t.id));
      END IF;
    END LOOP;
    FOR i IN 1 .. v_n LOOP
      m := p_members -> (i - 1);
      t := v_tickets[i];
      v_types := ARRAY['ticket.issued'];
      v_payloads := ARRAY[skranke_public_ticket(t, NULL) || jsonb_build_object('priority', t.priority, 'channel', t.channel)];
      IF i = v_n THEN
        v_types := array_append(v_types, 'queue.changed');
        v_payloads := array_append(v_payloads, skranke_queue_changed(p_estimates, ARRAY(SELECT x.service_id FROM unnest(v_tickets) x)));
      END IF;
      v_events := v_events || skranke_append(p_site, t.issued_at, (m ->> 'userId')::uuid, (m ->> 'deviceId')::uuid, v_types,
        CASE WHEN i = v_n THEN ARRAY[t.id, NULL] ELSE ARRAY[t.id] END, CASE WHEN i = v_n THEN ARRAY[NULL, NULL]::uuid[] ELSE ARRAY[NULL]::uuid[] END,
        v_payloads);
    END LOOP;
    FOR i IN 1 .. v_n LOOP
      o_ticket := v_tickets[i];
      o_place := v_places[i];
      o_events := CASE WHEN i = 1 THEN v_events END;
      RETURN NEXT;
    END LOOP;
  END
  $fn$;
`;

export class IssueTicketsFunction1795541010000 implements MigrationInterface {
  name = 'IssueTicketsFunction1795541010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTIONS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION skranke_issue_tickets(uuid, jsonb, jsonb);
      DROP FUNCTION skranke_place(uuid, date, uuid, timestamptz, uuid);`);
  }
}
