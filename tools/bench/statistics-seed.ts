/**
 * History for the statistics benchmark (and the export test): weekdays of walk-in tickets written straight into
 * `ticket` in one statement per site, as the core functions leave them after a day: issued 08:00–15:00 site time,
 * a wait of 0–40 minutes, 3–23 minutes at the counter; about 4 % no-shows, 3 % citizens who leave, 1 % expired.
 */
import type { ClientBase } from 'pg';

export interface HistorySite {
  siteId: string;
  serviceIds: string[];
  timezone: string;
}

export async function seedHistory(pg: ClientBase, site: HistorySite, from: string, to: string, perDay: number): Promise<number> {
  const res = await pg.query(HISTORY_SQL, historyParams(site, from, to, perDay));
  return res.rowCount ?? 0;
}

export const historyParams = (site: HistorySite, from: string, to: string, perDay: number) => [
  site.siteId,
  site.serviceIds,
  from,
  to,
  perDay,
  site.timezone,
];

/** The statement seedHistory runs, for callers with another client (the demo's TypeORM transaction). */
export const HISTORY_SQL = `WITH days AS (
       SELECT d::date AS day FROM generate_series($3::date, $4::date, interval '1 day') d WHERE extract(isodow FROM d) < 6),
     visits AS (
       SELECT day, n, ($2::uuid[])[1 + (n % cardinality($2::uuid[]))] AS service_id,
              (day + time '08:00' + (n * (420.0 / $5)) * interval '1 minute') AT TIME ZONE $6 AS issued_at,
              abs(hashtext(day::text || n)) % 1000 AS fate
         FROM days, generate_series(1, $5) n)
     INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, status, channel,
                         issued_at, ordered_at, called_at, started_at, ended_at, end_reason, outcome, tracking_token)
     SELECT $1::uuid, service_id, service_id, day, n, 'A' || n,
            CASE WHEN fate < 40 THEN 'no-show' WHEN fate < 70 THEN 'cancelled' WHEN fate < 80 THEN 'expired' ELSE 'finished' END,
            'kiosk', issued_at, issued_at, c.called_at, c.called_at,
            CASE WHEN fate < 40 THEN c.called_at + interval '2 minutes'
                 WHEN fate < 70 THEN issued_at + interval '10 minutes'
                 WHEN fate < 80 THEN (day + time '23:59') AT TIME ZONE $6
                 ELSE c.called_at + (180 + fate % 1200) * interval '1 second' END,
            CASE WHEN fate BETWEEN 40 AND 69 THEN 'citizen-left' WHEN fate BETWEEN 70 AND 79 THEN 'day-closed' END,
            CASE WHEN fate >= 80 THEN 'resolved' END,
            md5($1::uuid::text || day || n)
       FROM visits,
            LATERAL (SELECT CASE WHEN fate < 40 OR fate >= 80 THEN issued_at + ((fate * 7) % 2400) * interval '1 second' END AS called_at) c`;
