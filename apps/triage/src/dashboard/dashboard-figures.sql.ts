/** Today's figures as SQL aggregates over ticket and encounter rows of one business date ($1 site, $2 date, $3 time zone). */
export const TICKET_TOTALS = `
  SELECT count(*)::int AS issued,
         count(*) FILTER (WHERE status = 'finished')::int AS served,
         count(*) FILTER (WHERE status = 'no-show')::int AS no_show,
         count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         count(*) FILTER (WHERE status = 'expired')::int AS expired
    FROM ticket WHERE site_id = $1 AND business_date = $2`;

export const ENCOUNTER_OUTCOMES = `
  SELECT outcome AS key, count(*)::int AS n FROM encounter WHERE site_id = $1 AND business_date = $2 GROUP BY outcome`;

export const REFERRALS = `
  SELECT referral_target AS key, count(*)::int AS n FROM encounter
   WHERE site_id = $1 AND business_date = $2 AND outcome = 'referred' GROUP BY referral_target ORDER BY n DESC, key`;

export const TICKET_OUTCOMES = `
  SELECT outcome AS key, count(*)::int AS n FROM ticket
   WHERE site_id = $1 AND business_date = $2 AND status = 'finished' GROUP BY outcome`;

export const HELP_MODES = `
  SELECT help_mode AS key, count(*)::int AS n FROM ticket
   WHERE site_id = $1 AND business_date = $2 AND help_mode IS NOT NULL GROUP BY help_mode`;

/** Share called within the target, per service the ticket was called for. */
export const WITHIN_TARGET = `
  SELECT t.service_id AS service_id, count(*)::int AS called,
         count(*) FILTER (WHERE t.called_at - t.issued_at <= make_interval(mins => s.target_wait_minutes))::int AS within,
         avg(extract(epoch FROM t.ended_at - coalesce(t.started_at, t.called_at)) / 60) FILTER (WHERE t.status = 'finished') AS mean_service_minutes
    FROM ticket t JOIN service s ON s.id = t.service_id
   WHERE t.site_id = $1 AND t.business_date = $2 AND t.called_at IS NOT NULL GROUP BY t.service_id`;

/** Arrivals (tickets and encounters) and services finished per hour of the site's day. */
export const PER_HOUR = `
  SELECT h::int AS hour,
         (SELECT count(*) FROM ticket WHERE site_id = $1 AND business_date = $2 AND extract(hour FROM issued_at AT TIME ZONE $3) = h)::int AS tickets,
         (SELECT count(*) FROM encounter WHERE site_id = $1 AND business_date = $2 AND outcome <> 'ticket' AND extract(hour FROM created_at AT TIME ZONE $3) = h)::int AS encounters,
         (SELECT count(*) FROM ticket WHERE site_id = $1 AND business_date = $2 AND status = 'finished' AND extract(hour FROM ended_at AT TIME ZONE $3) = h)::int AS served
    FROM generate_series(0, 23) AS h ORDER BY h`;

/** Arrivals per service in the last hour, for the staffing advice. */
export const LAST_HOUR_ARRIVALS = `
  SELECT issued_service_id AS service_id, count(*)::int AS n FROM ticket
   WHERE site_id = $1 AND business_date = $2 AND issued_at > $3::timestamptz - interval '1 hour' GROUP BY issued_service_id`;

/** Mean arrivals per service in this hour of the day on the same weekday over the last four weeks, and how many of those days had any. */
export const USUAL_THIS_HOUR = `
  WITH days AS (
    SELECT DISTINCT business_date FROM ticket
     WHERE site_id = $1 AND business_date IN ($2::date - 7, $2::date - 14, $2::date - 21, $2::date - 28)
  )
  SELECT t.issued_service_id AS service_id, count(*)::float / greatest((SELECT count(*) FROM days), 1) AS n,
         (SELECT count(*) FROM days)::int AS days
    FROM ticket t
   WHERE t.site_id = $1 AND t.business_date IN (SELECT business_date FROM days)
     AND extract(hour FROM t.issued_at AT TIME ZONE $3) = $4
   GROUP BY t.issued_service_id`;

export const STAFF_NAMES = `SELECT id, display_name FROM staff_user WHERE id = ANY($1::uuid[])`;
