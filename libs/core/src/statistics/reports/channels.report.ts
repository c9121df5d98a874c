import type { DataSource } from 'typeorm';
import { percent, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

interface ChannelsRow {
  period: string | null;
  site: string | null;
  walk_in: number;
  booked: number;
  floor_resolved: number;
  is_total: boolean;
}

/**
 * (7) Contacts in KL's KOMHEN form: the channel "personlig henvendelse" (a citizen at the service centre in person),
 * the only one Skranke sees, per period × site. A personal contact is a ticket (walk-in or booked; a transferred
 * ticket is one contact) or a floor encounter that ended without a ticket; an encounter that gave a ticket is
 * counted once, as its ticket. Telephone, letters, e-mail and digital self-service are KOMHEN channels Skranke
 * does not see.
 */
export const channelsReport: ReportDefinition = {
  id: 'channels',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'personalContacts', kind: 'count' },
    { key: 'walkInContacts', kind: 'count' },
    { key: 'bookedContacts', kind: 'count' },
    { key: 'floorResolvedContacts', kind: 'count' },
    { key: 'floorResolvedPercent', kind: 'percent' },
    { key: 'bookedPercent', kind: 'percent' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const rows: ChannelsRow[] = await ds.query(
      `WITH c AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.site_id,
                CASE WHEN s.appointment_id IS NULL THEN 'walk-in' ELSE 'booked' END AS kind
           FROM stat_ticket s WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3
         UNION ALL
         SELECT ${periodSql('e.business_date', filter.interval)}, e.site_id, 'floor'
           FROM encounter e WHERE e.site_id = ANY($1) AND e.business_date BETWEEN $2 AND $3 AND e.outcome <> 'ticket'),
       g AS (
         SELECT period, site_id, GROUPING(period) = 1 AS is_total,
                count(*) FILTER (WHERE kind = 'walk-in')::int AS walk_in,
                count(*) FILTER (WHERE kind = 'booked')::int AS booked,
                count(*) FILTER (WHERE kind = 'floor')::int AS floor_resolved
           FROM c GROUP BY GROUPING SETS ((period, site_id), ()))
       SELECT g.*, si.name AS site FROM g LEFT JOIN site si ON si.id = g.site_id
        ORDER BY g.is_total, g.period, si.name, si.id`,
      [ctx.siteIds, filter.from, filter.to],
    );
    const toRow = (r: ChannelsRow): ReportRow => {
      const contacts = r.walk_in + r.booked + r.floor_resolved;
      return {
        period: r.is_total ? null : r.period,
        site: r.is_total ? null : r.site,
        personalContacts: contacts,
        walkInContacts: r.walk_in,
        bookedContacts: r.booked,
        floorResolvedContacts: r.floor_resolved,
        floorResolvedPercent: percent(r.floor_resolved, contacts),
        bookedPercent: percent(r.booked, contacts),
      };
    };
    return tableWithTotals(rows, toRow);
  },
};
