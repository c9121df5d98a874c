import { MigrationInterface, QueryRunner } from 'typeorm';
import { IssueTicketsFunction1795541010000 } from './1795541010000-issue-tickets-function.migration';

/**
 * `skranke_issue_tickets` reads the place in line once per service of a batch
 * (as the TypeScript batch did before it), not once per ticket: each count of
 * the walk-ins ahead walks the service's waiting line, so at a busy site a
 * batch of twenty paid for twenty walks. The others follow the first, one place
 * each, where the batch has no priority ticket for that service.
 */
const FUNCTION = /* sql */ `
  CREATE OR REPLACE FUNCTION skranke_issue_tickets(
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

export class IssuePlacesOncePerService1795541020000 implements MigrationInterface {
  name = 'IssuePlacesOncePerService1795541020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION skranke_issue_tickets(uuid, jsonb, jsonb); DROP FUNCTION skranke_place(uuid, date, uuid, timestamptz, uuid);`);
    await new IssueTicketsFunction1795541010000().up(q);
  }
}
