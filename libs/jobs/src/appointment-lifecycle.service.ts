import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DEFAULT_APPOINTMENT_WINDOW } from '@skranke/core';

/** How the measured booking length is taken: p80 of call-to-finish over 28 days, from at least 20 tickets. */
export const MEASURED_LENGTH = { days: 28, minTickets: 20, percentile: 0.8, roundTo: 5, min: 5, max: 240 };

/**
 * The booked appointment's lifecycle that no request drives:
 * - every minute, a booking not checked in by the end of its check-in window
 *   (the site's appointmentWindow.lateMinutes, default 10) becomes a no-show,
 *   which frees its minutes at once (the booking function and the free times
 *   count only booked, checked-in and served ones); the check-in refuses it
 *   (appointment_too_late), so the citizen is offered a walk-in ticket;
 * - nightly, each service's measured booking length: the p80 of the time from
 *   the call to the finish over the last 28 days' finished tickets, rounded up
 *   to 5 minutes, 5–240, when at least 20 were finished (else it stays as it
 *   was: too few to say more). A service with a set length keeps using that.
 */
@Injectable()
export class AppointmentLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async markNoShows(): Promise<{ noShows: number }> {
    const now = this.clock.now();
    const [, noShows] = await this.dataSource.query(
      `UPDATE appointment a SET status = 'no-show', ended_at = $1
       FROM site s
       WHERE s.id = a.site_id AND a.status = 'booked' AND a.starts_at < $1
         AND a.starts_at + make_interval(mins => coalesce((s.settings->'appointmentWindow'->>'lateMinutes')::int, $2)) < $1`,
      [now, DEFAULT_APPOINTMENT_WINDOW.lateMinutes],
    );
    return { noShows };
  }

  /** Returns the services whose measured length changed. */
  async measureLengths(): Promise<{ serviceId: string; minutes: number }[]> {
    const m = MEASURED_LENGTH;
    const now = this.clock.now();
    const [rows]: [{ service_id: string; minutes: number }[]] = await this.dataSource.query(
      `WITH measured AS (
         SELECT service_id, count(*) AS n,
                percentile_cont($3::float8) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - called_at) / 60) AS p
         FROM ticket
         WHERE status = 'finished' AND called_at IS NOT NULL AND ended_at > called_at
           AND ended_at >= $1::timestamptz - make_interval(days => $2) AND ended_at <= $1
         GROUP BY service_id),
       lengths AS (
         SELECT service_id, least($6::int, greatest($5::int, (ceil(p / $4) * $4)::int)) AS minutes FROM measured WHERE n >= $7)
       UPDATE service s SET measured_appointment_minutes = l.minutes
       FROM lengths l
       WHERE s.id = l.service_id AND s.measured_appointment_minutes IS DISTINCT FROM l.minutes
       RETURNING s.id AS service_id, s.measured_appointment_minutes AS minutes`,
      [now, m.days, m.percentile, m.roundTo, m.min, m.max, m.minTickets],
    );
    return rows.map((r) => ({ serviceId: r.service_id, minutes: r.minutes })).sort((a, b) => a.serviceId.localeCompare(b.serviceId));
  }
}
