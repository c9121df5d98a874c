import { OrderingSettings } from '@skranke/domain';

/**
 * The call-next claim as one statement: choose the best waiting ticket for the
 * counter's profile (same order as `compareForCall` in the domain lib) and mark
 * it called. `FOR UPDATE SKIP LOCKED` lets concurrent counters pass over a row
 * another counter is claiming; the status guard re-checked under the row lock
 * means a ticket is never called twice.
 *
 * $1 site, $2 business date, $3 service ids in preference order, $4 now,
 * $5 counter, $6 seat, $7 user, $8 priority head start, $9 preference decay, $10 appointment call-ahead.
 */
export function claimNextSql(policy: OrderingSettings['policy']): string {
  const preference = `(array_position($3::uuid[], t.service_id) - 1)`;
  const urgency = {
    'target-aware': `((extract(epoch FROM ($4::timestamptz - t.ordered_at)) / 60 + CASE WHEN t.priority > 0 THEN p.head_start ELSE 0 END)
                      / s.target_wait_minutes) * power(p.decay, ${preference})`,
    'profile-order': `-${preference}`,
    fifo: `0`,
  }[policy];
  // Every parameter is typed in p, also those a policy does not use: an untyped, unused
  // parameter makes PostgreSQL refuse the statement. Minutes may be fractional.
  return `
    WITH p AS (SELECT $8::float8 AS head_start, $9::float8 AS decay, $10::float8 AS call_ahead_minutes),
    candidate AS (
      SELECT t.id FROM ticket t JOIN service s ON s.id = t.service_id CROSS JOIN p
      WHERE t.site_id = $1 AND t.business_date = $2 AND t.status = 'waiting' AND t.service_id = ANY($3::uuid[])
      ORDER BY
        CASE WHEN t.appointment_at IS NULL THEN 1
             WHEN t.appointment_at - make_interval(secs => p.call_ahead_minutes * 60) <= $4::timestamptz THEN 0 ELSE 2 END,
        t.appointment_at ASC NULLS LAST,
        CASE WHEN t.appointment_at IS NULL THEN ${urgency} ELSE 0 END DESC,
        t.ordered_at, t.id
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED
    )
    UPDATE ticket SET status = 'called', called_at = $4, counter_id = $5, seat = $6, served_by_user_id = $7
    FROM candidate WHERE ticket.id = candidate.id AND ticket.status = 'waiting'
    RETURNING ticket.*`;
}
