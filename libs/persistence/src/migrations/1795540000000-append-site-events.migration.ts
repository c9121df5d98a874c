import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `append_site_events`: the end of every ticket change in one round trip
 * instead of three. It takes the site row lock (so seqs follow commit order),
 * then recounts the waiting tickets of the site's day and writes them into each
 * `queue.changed` payload, then inserts the events. PL/pgSQL statements in a
 * VOLATILE function each take a fresh snapshot under READ COMMITTED, so the
 * recount sees every change that committed while this one waited for the lock:
 * the last `queue.changed` a display applies is the truth.
 *
 * Returns the first seq given out and the waiting counts ({serviceId: n}) it
 * wrote, so the caller can send the same events to the sinks.
 */
export class AppendSiteEvents1795540000000 implements MigrationInterface {
  name = 'AppendSiteEvents1795540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_site_events(
        p_site uuid, p_at timestamptz, p_actor_user uuid, p_actor_device uuid,
        p_types text[], p_ticket_ids uuid[], p_counter_ids uuid[], p_payloads jsonb[]
      ) RETURNS TABLE (first_seq integer, waiting jsonb)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        n integer := cardinality(p_types);
        last_seq integer;
        zone text;
        counts jsonb := '{}'::jsonb;
      BEGIN
        UPDATE site SET event_seq = event_seq + n WHERE id = p_site RETURNING event_seq, timezone INTO last_seq, zone;
        IF last_seq IS NULL THEN
          RAISE EXCEPTION 'no site %', p_site USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF 'queue.changed' = ANY (p_types) THEN
          SELECT coalesce(jsonb_object_agg(c.service_id, c.n), '{}'::jsonb) INTO counts
          FROM (SELECT t.service_id, count(*) AS n FROM ticket t
                WHERE t.site_id = p_site AND t.business_date = (p_at AT TIME ZONE zone)::date AND t.status = 'waiting'
                GROUP BY t.service_id) c;
        END IF;
        INSERT INTO ticket_event (site_id, seq, type, ticket_id, counter_id, actor_user_id, actor_device_id, at, payload)
        SELECT p_site, last_seq - n + e.i::integer, e.type, e.ticket_id, e.counter_id, p_actor_user, p_actor_device, p_at,
               CASE WHEN e.type = 'queue.changed' THEN jsonb_set(e.payload, '{services}', coalesce((
                 SELECT jsonb_agg(s.item || jsonb_build_object('waiting', coalesce((counts ->> (s.item ->> 'serviceId'))::integer, 0)) ORDER BY s.o)
                 FROM jsonb_array_elements(e.payload -> 'services') WITH ORDINALITY AS s(item, o)), '[]'::jsonb))
               ELSE e.payload END
        FROM unnest(p_types, p_ticket_ids, p_counter_ids, p_payloads) WITH ORDINALITY AS e(type, ticket_id, counter_id, payload, i);
        RETURN QUERY SELECT last_seq - n + 1, counts;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION append_site_events(uuid, timestamptz, uuid, uuid, text[], uuid[], uuid[], jsonb[])`);
  }
}
