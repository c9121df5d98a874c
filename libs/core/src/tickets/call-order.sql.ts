import { DEFAULT_ORDERING } from '@skranke/domain';

/**
 * "Is waiting", for a ticket read by id: the same as `= 'waiting'` (status is
 * NOT NULL), but the planner cannot match it to the waiting-queue index's
 * predicate. Prepared statements keep their plans all day, and an ANALYZE that
 * saw nothing waiting (a night's autovacuum) makes that index look empty; a
 * by-id read whose status test matched it would scan all of it, every waiting
 * ticket of every site, instead of taking the primary key. Reads of the waiting
 * room itself keep `WAITING`, which is what lets them use the index.
 */
export const WAITING_BY_ID = `IS NOT DISTINCT FROM 'waiting'`;
export const WAITING = `= 'waiting'`;

/**
 * The site's ordering settings and business date as columns of `o`, read from
 * the site row `s` (settings stored before a key existed fall back to the default).
 */
export const orderingSettings = (now: string) => `
  s.id AS site_id,
  (${now} AT TIME ZONE s.timezone)::date AS business_date,
  coalesce(s.ordering ->> 'policy', '${DEFAULT_ORDERING.policy}') AS policy,
  coalesce((s.ordering ->> 'priorityHeadStartMinutes')::float8, ${DEFAULT_ORDERING.priorityHeadStartMinutes}) AS head_start,
  coalesce((s.ordering ->> 'preferenceDecay')::float8, ${DEFAULT_ORDERING.preferenceDecay}) AS decay,
  coalesce((s.ordering ->> 'appointmentCallAheadMinutes')::float8, ${DEFAULT_ORDERING.appointmentCallAheadMinutes}) AS call_ahead`;

/**
 * The call order as an ORDER BY list over waiting tickets `t` with their
 * service `s` and settings `o`, for a counter serving `serviceIds` (a uuid[]
 * in order of preference): the domain's `compareForCall` for all three
 * policies. Appointments due within their window first, by appointment time;
 * then by policy; ties by arrival.
 */
export const callOrder = (now: string, serviceIds: string) => `
  CASE WHEN t.appointment_at IS NULL THEN 1
       WHEN t.appointment_at - make_interval(secs => o.call_ahead * 60) <= ${now} THEN 0 ELSE 2 END,
  t.appointment_at ASC NULLS LAST,
  CASE WHEN t.appointment_at IS NOT NULL THEN 0
       WHEN o.policy = 'target-aware' THEN
         ((extract(epoch FROM (${now} - t.ordered_at)) / 60 + CASE WHEN t.priority > 0 THEN o.head_start ELSE 0 END)
          / s.target_wait_minutes) * power(o.decay, array_position(${serviceIds}, t.service_id) - 1)
       WHEN o.policy = 'profile-order' THEN 1 - array_position(${serviceIds}, t.service_id)
       ELSE 0 END DESC,
  t.ordered_at, t.id`;
