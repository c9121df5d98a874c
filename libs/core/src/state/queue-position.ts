import { EntityManager } from 'typeorm';
import { WaitEstimate } from '@skranke/domain';
import { Site, Ticket, preparedQuery } from '@skranke/persistence';
import { WAITING_BY_ID, callOrder, orderingSettings } from '../tickets/call-order.sql';
import { QueueStateService } from './queue-state.service';
import type { SiteEstimates } from './wait-estimates.service';

/**
 * The ticket's place in its service's line (1 = next), in the call order a
 * counter serving only that service would use, counted by the database so a
 * busy queue is not loaded row by row to find one number.
 *
 * Within one service, walk-ins without priority (most tickets) are called by
 * arrival under every policy, so for such a ticket the ones of them ahead are a
 * count over the waiting-queue index, and only the priority and appointment
 * tickets (few, over their own index) and the ticket itself are ranked with the
 * full call order. A priority or appointment ticket is ranked among the whole
 * line. The site's settings and the service are read once (`o`, `s`), not per
 * waiting ticket; the ticket itself is read by primary key (`WAITING_BY_ID`).
 */
export const POSITION_SQL = /* sql */ `
  WITH o AS MATERIALIZED (SELECT ${orderingSettings('$4::timestamptz')} FROM site s WHERE s.id = $1),
  x AS MATERIALIZED (
    SELECT id, service_id, priority, appointment_at, ordered_at, priority > 0 OR appointment_at IS NOT NULL AS special
    FROM ticket WHERE id = $5 AND status ${WAITING_BY_ID}
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
    SELECT t.id, row_number() OVER (ORDER BY ${callOrder('$4::timestamptz', 'ARRAY[$3::uuid]')}) AS position
    FROM o CROSS JOIN (SELECT id, target_wait_minutes FROM service WHERE id = $3) s JOIN line t ON t.service_id = s.id
  ),
  plain_ahead AS (
    SELECT count(*) AS n FROM ticket t CROSS JOIN x
    WHERE NOT x.special AND t.site_id = $1 AND t.business_date = $2 AND t.service_id = $3 AND t.status = 'waiting'
      AND t.priority = 0 AND t.appointment_at IS NULL AND (t.ordered_at, t.id) < (x.ordered_at, x.id)
  )
  SELECT (ranked.position + (SELECT n FROM plain_ahead))::int AS position FROM ranked WHERE id = $5`;

const positionValues = (site: Site, ticket: Ticket, now: Date) => [site.id, ticket.businessDate, ticket.serviceId, now, ticket.id];

/**
 * A waiting ticket's place in its service's line and its estimated wait; a
 * ticket newer than the estimator's last pass gets the new-ticket estimate of
 * its service, which is what it would have been shown.
 */
export async function queuePosition(
  tx: EntityManager,
  queueState: QueueStateService,
  site: Site,
  ticket: Ticket,
  now: Date,
): Promise<{ position: number; estimate: WaitEstimate | null }> {
  const [row] = await preparedQuery<{ position: number }>(tx, POSITION_SQL, positionValues(site, ticket, now));
  const position = Math.max(1, row?.position ?? 1);
  return { position, estimate: ticketEstimate(await queueState.estimates.current(site.id, tx), ticket) };
}

/** A ticket's estimated wait: its own when the estimator has seen it, else a new ticket's for its service; null: no open counter serves it. */
export function ticketEstimate(estimates: SiteEstimates, ticket: Pick<Ticket, 'id' | 'serviceId'>): WaitEstimate | null {
  if (estimates.perTicket.has(ticket.id)) return estimates.perTicket.get(ticket.id)!;
  return estimates.newTicket.get(ticket.serviceId) ?? null;
}
