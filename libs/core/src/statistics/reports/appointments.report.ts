import type { DataSource } from 'typeorm';
import { percent, secondsToMinutes, type ReportRow } from '@skranke/domain';
import { periodSql, tableWithTotals, type ReportContext, type ReportDefinition, type ReportTable } from '../report-definition';

/** A check-in within this many seconds of the booked time either way is on time. */
export const ON_TIME_SECONDS = 5 * 60;

interface AppointmentsRow {
  period: string | null;
  site: string | null;
  service: string | null;
  walk_in: number;
  bookings: number;
  cancelled: number;
  checked_in: number;
  served: number;
  no_show: number;
  early: number;
  on_time: number;
  late: number;
  late_median: number | null;
  wait_p50: number | null;
  wait_p90: number | null;
  is_total: boolean;
}

/**
 * (5) Appointments against walk-ins per period × site × service. Walk-ins are tickets without a booking, by their
 * business date; bookings are appointments by the local date of the booked time, whatever became of them. The
 * check-in is the booking's ticket's issue; its wait is the view's (from the booked time, or the check-in if later).
 */
export const appointmentsReport: ReportDefinition = {
  id: 'appointments',
  intervals: ['month', 'week', 'day'],
  totals: true,
  columns: [
    { key: 'period', kind: 'period' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'walkInTickets', kind: 'count' },
    { key: 'bookings', kind: 'count' },
    { key: 'bookingsCancelled', kind: 'count' },
    { key: 'bookingsCheckedIn', kind: 'count' },
    { key: 'bookingsServed', kind: 'count' },
    { key: 'bookingsNoShow', kind: 'count' },
    { key: 'bookingsNoShowPercent', kind: 'percent' },
    { key: 'checkInEarly', kind: 'count' },
    { key: 'checkInOnTime', kind: 'count' },
    { key: 'checkInLate', kind: 'count' },
    { key: 'minutesLateMedian', kind: 'minutes' },
    { key: 'bookedWaitP50', kind: 'minutes' },
    { key: 'bookedWaitP90', kind: 'minutes' },
  ],
  async run(ds: DataSource, ctx: ReportContext): Promise<ReportTable> {
    const { filter } = ctx;
    const bookedDate = '(a.starts_at AT TIME ZONE si.timezone)::date';
    const rows: AppointmentsRow[] = await ds.query(
      `WITH ev AS (
         SELECT ${periodSql('s.business_date', filter.interval)} AS period, s.site_id, s.service_id,
                1 AS walk_in, 0 AS booking, NULL::text AS status, NULL::int AS offset_s, NULL::int AS wait
           FROM stat_ticket s
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3 AND s.appointment_id IS NULL
         UNION ALL
         SELECT ${periodSql(bookedDate, filter.interval)}, a.site_id, a.service_id, 0, 1, a.status,
                floor(extract(epoch FROM st.issued_at - a.starts_at))::int,
                CASE WHEN st.wait_reliable THEN st.wait_seconds END
           FROM appointment a JOIN site si ON si.id = a.site_id
           LEFT JOIN stat_ticket st ON st.ticket_id = a.ticket_id
          WHERE a.site_id = ANY($1) AND ${bookedDate} BETWEEN $2 AND $3),
       g AS (
         SELECT period, site_id, service_id, GROUPING(period) = 1 AS is_total,
                sum(walk_in)::int AS walk_in, sum(booking)::int AS bookings,
                count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
                count(offset_s)::int AS checked_in,
                count(*) FILTER (WHERE status = 'served')::int AS served,
                count(*) FILTER (WHERE status = 'no-show')::int AS no_show,
                count(*) FILTER (WHERE offset_s < -${ON_TIME_SECONDS})::int AS early,
                count(*) FILTER (WHERE offset_s BETWEEN -${ON_TIME_SECONDS} AND ${ON_TIME_SECONDS})::int AS on_time,
                count(*) FILTER (WHERE offset_s > ${ON_TIME_SECONDS})::int AS late,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY offset_s) FILTER (WHERE offset_s > ${ON_TIME_SECONDS}) AS late_median,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS wait_p50,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS wait_p90
           FROM ev GROUP BY GROUPING SETS ((period, site_id, service_id), ()))
       SELECT g.*, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service
         FROM g LEFT JOIN site si ON si.id = g.site_id LEFT JOIN service sv ON sv.id = g.service_id
        ORDER BY g.is_total, g.period, si.name, si.id, sv.sort_order, sv.code`,
      [ctx.siteIds, filter.from, filter.to, filter.lang],
    );
    const toRow = (r: AppointmentsRow): ReportRow => ({
      period: r.is_total ? null : r.period,
      site: r.is_total ? null : r.site,
      service: r.is_total ? null : r.service,
      walkInTickets: r.walk_in,
      bookings: r.bookings,
      bookingsCancelled: r.cancelled,
      bookingsCheckedIn: r.checked_in,
      bookingsServed: r.served,
      bookingsNoShow: r.no_show,
      bookingsNoShowPercent: percent(r.no_show, r.bookings - r.cancelled),
      checkInEarly: r.early,
      checkInOnTime: r.on_time,
      checkInLate: r.late,
      minutesLateMedian: secondsToMinutes(r.late_median),
      bookedWaitP50: secondsToMinutes(r.wait_p50),
      bookedWaitP90: secondsToMinutes(r.wait_p90),
    });
    return tableWithTotals(rows, toRow);
  },
};
