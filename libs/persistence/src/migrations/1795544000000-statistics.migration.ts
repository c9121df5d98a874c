import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (issue 21). `stat_ticket` is the one definition of a visit's figures that every report reads: its
 * result (served, no-show, cancelled, left, expired, open), its wait and handling time in seconds, and whether
 * the wait is reliable. `stat_service_day` rolls it up per site, service and business date, keeping the
 * reliable waits and handling times themselves (seconds, sorted) so percentiles over any period stay exact;
 * `skranke_stat_rollup` (re)computes a site's days, and a closed day is never computed again.
 */
export class Statistics1795544000000 implements MigrationInterface {
  name = 'Statistics1795544000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW stat_ticket AS
      SELECT t.id AS ticket_id, t.site_id, t.service_id, t.issued_service_id, t.business_date, t.channel, t.priority,
             t.issued_at, q.entered_at AS queued_at, t.called_at, t.ended_at, t.appointment_id, t.appointment_at,
             t.transfer_count, t.recall_count, t.counter_id, t.outcome, t.help_mode, t.estimate_minutes,
             t.estimate_low, t.estimate_high,
             CASE
               WHEN t.status = 'finished' THEN 'served'
               WHEN t.status = 'no-show' THEN 'no-show'
               WHEN t.status = 'cancelled' AND t.end_reason = 'citizen-left' THEN 'left'
               WHEN t.status = 'cancelled' THEN 'cancelled'
               WHEN t.status = 'expired' THEN 'expired'
               ELSE 'open'
             END AS result,
             CASE WHEN t.called_at IS NOT NULL THEN greatest(0, floor(extract(epoch FROM t.called_at - q.entered_at)))::int END AS wait_seconds,
             CASE WHEN t.status = 'finished' AND t.called_at IS NOT NULL
                  THEN greatest(0, floor(extract(epoch FROM t.ended_at - t.called_at)))::int END AS handling_seconds,
             (t.status = 'finished' AND t.ended_at - t.called_at < interval '10 seconds') AS mistaken,
             (t.called_at IS NOT NULL AND t.status IN ('finished', 'no-show')
               AND NOT (t.status = 'finished' AND t.ended_at - t.called_at < interval '10 seconds')) AS wait_reliable
      FROM ticket t
      -- The wait runs from joining the service's queue: the last transfer into it, else the issue (a booked citizen
      -- who checks in early waits from the booked time).
      CROSS JOIN LATERAL (
        SELECT coalesce(
          CASE WHEN t.transfer_count > 0 THEN
            (SELECT max(e.at) FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'ticket.transferred') END,
          greatest(t.issued_at, coalesce(t.appointment_at, t.issued_at))) AS entered_at
      ) q`);
    await q.query(`
      CREATE TABLE "stat_service_day" (
        "site_id" uuid NOT NULL, "service_id" uuid NOT NULL, "business_date" date NOT NULL,
        "arrived" integer NOT NULL, "served" integer NOT NULL, "no_show" integer NOT NULL, "cancelled" integer NOT NULL,
        "left_early" integer NOT NULL, "expired" integer NOT NULL, "open" integer NOT NULL, "mistaken" integer NOT NULL,
        "target_wait_seconds" integer NOT NULL, "within_target" integer NOT NULL,
        "waits" integer array NOT NULL, "handlings" integer array NOT NULL, "computed_at" timestamptz NOT NULL,
        CONSTRAINT "stat_service_day_pk" PRIMARY KEY ("site_id", "service_id", "business_date"),
        CONSTRAINT "stat_service_day_site" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "stat_service_day_date" ON "stat_service_day" ("business_date", "site_id")`);
    await q.query(`
      CREATE TABLE "stat_day_done" (
        "site_id" uuid NOT NULL, "business_date" date NOT NULL, "computed_at" timestamptz NOT NULL,
        CONSTRAINT "stat_day_done_pk" PRIMARY KEY ("site_id", "business_date"),
        CONSTRAINT "stat_day_done_site" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE)`);
    // Computes the site's days in [from, to] that are not final yet, in one statement; days before p_final_before
    // are then final (closed: their tickets no longer change). Two callers at once: the advisory lock serialises.
    await q.query(`
      CREATE FUNCTION skranke_stat_rollup(p_site uuid, p_from date, p_to date, p_final_before date, p_now timestamptz)
      RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE v_days date[];
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('stat_rollup'), hashtext(p_site::text));
        SELECT coalesce(array_agg(d::date), '{}') INTO v_days
          FROM generate_series(p_from, p_to, interval '1 day') d
         WHERE NOT EXISTS (SELECT 1 FROM stat_day_done x WHERE x.site_id = p_site AND x.business_date = d::date);
        IF cardinality(v_days) = 0 THEN RETURN 0; END IF;
        DELETE FROM stat_service_day WHERE site_id = p_site AND business_date = ANY(v_days);
        INSERT INTO stat_service_day
        SELECT s.site_id, s.service_id, s.business_date,
               count(*), count(*) FILTER (WHERE s.result = 'served'), count(*) FILTER (WHERE s.result = 'no-show'),
               count(*) FILTER (WHERE s.result = 'cancelled'), count(*) FILTER (WHERE s.result = 'left'),
               count(*) FILTER (WHERE s.result = 'expired'), count(*) FILTER (WHERE s.result = 'open'),
               count(*) FILTER (WHERE s.mistaken),
               max(sv.target_wait_minutes) * 60,
               count(*) FILTER (WHERE s.wait_reliable AND s.wait_seconds <= sv.target_wait_minutes * 60),
               coalesce(array_agg(s.wait_seconds ORDER BY s.wait_seconds) FILTER (WHERE s.wait_reliable), '{}'),
               coalesce(array_agg(s.handling_seconds ORDER BY s.handling_seconds) FILTER (WHERE s.result = 'served' AND NOT s.mistaken), '{}'),
               p_now
          FROM stat_ticket s JOIN service sv ON sv.id = s.service_id
         WHERE s.site_id = p_site AND s.business_date = ANY(v_days)
         GROUP BY s.site_id, s.service_id, s.business_date;
        INSERT INTO stat_day_done (site_id, business_date, computed_at)
        SELECT p_site, d, p_now FROM unnest(v_days) d
         WHERE d < p_final_before
           AND NOT EXISTS (SELECT 1 FROM stat_service_day x WHERE x.site_id = p_site AND x.business_date = d AND x.open > 0)
        ON CONFLICT DO NOTHING;
        RETURN cardinality(v_days);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION skranke_stat_rollup(uuid, date, date, date, timestamptz)`);
    await q.query(`DROP TABLE "stat_day_done"`);
    await q.query(`DROP TABLE "stat_service_day"`);
    await q.query(`DROP VIEW stat_ticket`);
  }
}
