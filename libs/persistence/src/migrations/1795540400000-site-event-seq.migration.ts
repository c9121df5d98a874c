import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `append_site_events` as this migration and the one before it define it (a
 * frozen copy, as migrations must be): `takeSeq` sets `last_seq`
 * (and may set `zone`), `readZone` sets `zone` for the recount when it has not.
 */
const appendSiteEvents = (takeSeq: string, readZone = '') => `      CREATE OR REPLACE FUNCTION append_site_events(
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
${takeSeq}        IF 'queue.changed' = ANY (p_types) THEN
${readZone}          SELECT coalesce(jsonb_object_agg(c.service_id, c.n), '{}'::jsonb) INTO counts
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
      $fn$`;

const TAKE_SEQ_ROW = `        UPDATE site_event_seq SET last_seq = site_event_seq.last_seq + n WHERE site_id = p_site RETURNING site_event_seq.last_seq INTO last_seq;
        IF last_seq IS NULL THEN
          -- A site's first event (the foreign key refuses an unknown site).
          INSERT INTO site_event_seq AS q (site_id, last_seq) VALUES (p_site, n)
          ON CONFLICT (site_id) DO UPDATE SET last_seq = q.last_seq + n RETURNING q.last_seq INTO last_seq;
        END IF;
`;

const READ_ZONE = `          SELECT timezone INTO zone FROM site WHERE id = p_site;
`;

/** How AppendSiteEvents1795540000000 took the seq, from the site row. */
const TAKE_SEQ_SITE = `        UPDATE site SET event_seq = event_seq + n WHERE id = p_site RETURNING event_seq, timezone INTO last_seq, zone;
        IF last_seq IS NULL THEN
          RAISE EXCEPTION 'no site %', p_site USING ERRCODE = 'foreign_key_violation';
        END IF;
`;

/**
 * A site's event seq moves from the site row to its own table, `site_event_seq`
 * (see the entity for why), and `append_site_events` locks that row instead of
 * the site's. A site gets its row with its first event.
 */
export class SiteEventSeq1795540400000 implements MigrationInterface {
  name = 'SiteEventSeq1795540400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "site_event_seq" ("site_id" uuid NOT NULL, "last_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_18b56c27bf49f9c82aedba0e38a" PRIMARY KEY ("site_id"))`,
    );
    await q.query(
      `ALTER TABLE "site_event_seq" ADD CONSTRAINT "FK_18b56c27bf49f9c82aedba0e38a" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`INSERT INTO site_event_seq (site_id, last_seq) SELECT id, event_seq FROM site`);
    await q.query(`ALTER TABLE "site" DROP COLUMN "event_seq"`);
    await q.query(appendSiteEvents(TAKE_SEQ_ROW, READ_ZONE));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "site" ADD "event_seq" integer NOT NULL DEFAULT '0'`);
    await q.query(`UPDATE site SET event_seq = s.last_seq FROM site_event_seq s WHERE s.site_id = site.id`);
    await q.query(appendSiteEvents(TAKE_SEQ_SITE));
    await q.query(`DROP TABLE "site_event_seq"`);
  }
}
