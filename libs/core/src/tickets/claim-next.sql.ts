import { WAITING, WAITING_BY_ID, callOrder, orderingSettings } from './call-order.sql';

/**
 * Call-next's claim as one statement (`skranke_call_next` runs it, as
 * migration 1795541000000 froze it; a new version of this text needs a new
 * migration, and test/e2e/ticket-functions.spec.ts fails until it has one):
 * lock the counter row, read the site's ordering settings and business date,
 * pick a free seat, choose the best waiting ticket for the counter's profile
 * (same order as `compareForCall` in the domain lib, for all three policies)
 * and mark it called.
 *
 * `FOR UPDATE SKIP LOCKED` lets concurrent counters pass over a row another
 * counter is claiming; the status guard re-checked under the row lock means a
 * ticket is never called twice. The free seat is read in this statement's
 * snapshot, which may be older than the counter lock it waited for (a double
 * tap on one counter): then the seat index `ticket_one_active_per_seat` refuses
 * the second claim, and the caller turns that into "seat busy" or retries.
 *
 * Always one row while the counter exists: the counter's state and seats (why
 * nothing was claimed) and the claimed ticket's columns, null when none was.
 *
 * `ticketColumns` lists the ticket's columns (`ticket."id", …`) for the result.
 * $1 counter, $2 now, $3 seat or null (first free), $4 user or null.
 */
/**
 * Within one service and one class (walk-in, priority, appointment) the call
 * order is by arrival, so the best ticket is among the first few of each
 * service the counter serves, or among the priority and appointment tickets
 * (few). The claim ranks those `heads` rather than the whole waiting room; only
 * when every head is being claimed by other counters at that moment (all
 * locked) does it rank the whole room. With more than this many counters
 * claiming from one service at the same instant, a later head may be called a
 * moment before an earlier one, as SKIP LOCKED already allows. `WITH TIES`
 * keeps every ticket sharing the last head's arrival time (ties go by id).
 *
 * The heads are ranked by id (`= ANY (ARRAY(…))`) and the claimed row updated
 * by `= (SELECT …)`, so the plan is a few primary-key lookups whatever the
 * table's statistics say; with the looser joins the planner, blind to a fresh
 * day's tickets, scanned the whole day once per head.
 */
const HEADS_PER_SERVICE = 8;

/**
 * The best waiting ticket for counter `c` among those `where` picks, locked
 * (skipping rows other claims hold). The status test stays in every variant: a
 * row whose lock was just released by another claim is re-checked against it
 * (`WAITING_BY_ID` where the rows are known by id).
 */
const rankedWaiting = (where: string, status: string) => `
    SELECT t.id FROM ticket t JOIN service s ON s.id = t.service_id CROSS JOIN c CROSS JOIN o CROSS JOIN chosen
    WHERE c.active AND c.state = 'open' AND chosen.seat IS NOT NULL AND t.status ${status} AND ${where}
    ORDER BY ${callOrder('$2::timestamptz', 'c.service_ids')}
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED`;

export const claimNextSql = (ticketColumns: string) => /* sql */ `
  WITH c AS (
    SELECT id, site_id, name, state, active, seats, service_ids FROM counter WHERE id = $1 FOR UPDATE
  ),
  o AS (
    SELECT ${orderingSettings('$2::timestamptz')} FROM site s JOIN c ON s.id = c.site_id
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
        FETCH FIRST ${HEADS_PER_SERVICE} ROWS WITH TIES
      ) h
    UNION
    SELECT t.id FROM ticket t CROSS JOIN c CROSS JOIN o
    WHERE t.site_id = o.site_id AND t.business_date = o.business_date AND t.status = 'waiting'
      AND (t.priority > 0 OR t.appointment_at IS NOT NULL) AND t.service_id = ANY (c.service_ids)
  ),
  best_head AS (
    ${rankedWaiting('t.id = ANY (ARRAY(SELECT id FROM heads))', WAITING_BY_ID)}
  ),
  best_of_all AS (
    ${rankedWaiting(`t.site_id = o.site_id AND t.business_date = o.business_date AND t.service_id = ANY (c.service_ids)
      AND NOT EXISTS (SELECT 1 FROM best_head)`, WAITING)}
  ),
  candidate AS (
    SELECT id FROM best_head UNION ALL SELECT id FROM best_of_all
  ),
  claimed AS (
    UPDATE ticket SET status = 'called', called_at = $2::timestamptz, counter_id = $1, seat = chosen.seat, served_by_user_id = $4
    FROM chosen
    WHERE ticket.id = (SELECT id FROM candidate) AND ticket.status ${WAITING_BY_ID}
    RETURNING ${ticketColumns}
  )
  SELECT c.site_id AS claim_counter_site_id, c.name AS claim_counter_name, c.state AS claim_counter_state,
         c.active AS claim_counter_active, c.seats AS claim_counter_seats, chosen.seat AS claim_seat, claimed.*
  FROM c CROSS JOIN chosen LEFT JOIN claimed ON true`;

/** The index that keeps one active ticket per counter seat; its violation means the seat was just taken. */
export const ONE_ACTIVE_PER_SEAT = 'ticket_one_active_per_seat';
