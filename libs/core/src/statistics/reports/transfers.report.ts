import type { DataSource } from 'typeorm';
import { secondsToMinutes, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface TransfersRow {
  period: string | null;
  site: string | null;
  from_service: string | null;
  to_service: string | null;
  is_total: boolean;
  transfers: number;
  measured: number;
  wait_p50: number | null;
}

/**
 * (9) Transfers between services per period × site, from the `ticket.transferred` events of the log: from which
 * service to which, how many, and how long the citizen waited after the transfer (to the next call, when the next
 * thing that happened to the ticket was a call; nearest-rank median). A ticket transferred twice counts twice.
 */
export const transfersReport: ReportDefinition = {
  id: 'transfers',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'fromService', kind: 'text' },
    { key: 'toService', kind: 'text' },
    { key: 'transfers', kind: 'count' },
    { key: 'transferWaitMeasured', kind: 'count' },
    { key: 'transferWaitP50', kind: 'minutes' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: TransfersRow[] = await ds.query(
      `WITH x AS (
         SELECT ${periodSql('t.business_date', filter.interval)} AS period, e.site_id,
                (e.payload->>'fromServiceId')::uuid AS from_id, (e.payload->>'toServiceId')::uuid AS to_id,
                CASE WHEN n.type = 'ticket.called' THEN greatest(0, floor(extract(epoch FROM n.at - e.at)))::int END AS wait
           FROM ticket_event e
           JOIN ticket t ON t.id = e.ticket_id
           -- What happened next to the ticket: a call ends the wait after this transfer; another transfer starts a new one.
           LEFT JOIN LATERAL (
             SELECT c.type, c.at FROM ticket_event c
              WHERE c.ticket_id = e.ticket_id AND c.site_id = e.site_id AND c.seq > e.seq
                AND c.type IN ('ticket.called', 'ticket.transferred')
              ORDER BY c.seq LIMIT 1) n ON true
          WHERE e.site_id = ANY($1) AND e.type = 'ticket.transferred' AND t.site_id = ANY($1)
            AND t.business_date BETWEEN $2 AND $3),
       g AS (
         SELECT period, site_id, from_id, to_id, GROUPING(period) = 1 AS is_total, count(*)::int AS transfers,
                count(wait)::int AS measured, percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS wait_p50
           FROM x GROUP BY GROUPING SETS ((period, site_id, from_id, to_id), ()))
       SELECT g.*, si.name AS site, coalesce(f.names->>$4, f.names->>'da') AS from_service,
              coalesce(o.names->>$4, o.names->>'da') AS to_service
         FROM g
         LEFT JOIN site si ON si.id = g.site_id
         LEFT JOIN service f ON f.id = g.from_id
         LEFT JOIN service o ON o.id = g.to_id
        ORDER BY g.is_total, g.period, si.name, si.id, f.sort_order, f.code, o.sort_order, o.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang],
    );
    return tableWithTotals(rows, toRow, (r) => r.transfers > 0);
  },
};

function toRow(r: TransfersRow): ReportRow {
  return {
    period: r.is_total ? null : r.period,
    site: r.is_total ? null : r.site,
    fromService: r.is_total ? null : r.from_service,
    toService: r.is_total ? null : r.to_service,
    transfers: r.transfers,
    transferWaitMeasured: r.measured,
    transferWaitP50: secondsToMinutes(r.wait_p50),
  };
}
