import { EntityManager } from 'typeorm';
import { notFound, ruleBroken } from '@skranke/domain';
import { Appointment, Site } from '@skranke/persistence';

export const DEFAULT_APPOINTMENT_WINDOW = { earlyMinutes: 30, lateMinutes: 10 };

/**
 * Checks a booked citizen in: the appointment must be this site's and service's,
 * still booked, and now inside its window. Returns the appointment time, which
 * orders the ticket.
 */
export async function checkInAppointment(tx: EntityManager, site: Site, appointmentId: string, serviceId: string, now: Date): Promise<Date> {
  const repo = tx.getRepository(Appointment);
  const appointment = await repo.findOne({ where: { id: appointmentId, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
  if (!appointment || appointment.status === 'cancelled') throw notFound('appointment_not_found', 'No booked appointment with that id.');
  // Marked a no-show after its window: the citizen is offered a walk-in ticket instead.
  if (appointment.status === 'no-show') throw ruleBroken('appointment_too_late', 'The check-in window has passed.', { minutesAfter: 0 });
  if (appointment.status === 'checked-in' || appointment.status === 'served') throw ruleBroken('appointment_already_checked_in', 'This appointment has already been checked in.');
  if (appointment.serviceId !== serviceId) throw ruleBroken('appointment_wrong_service', 'The appointment is for another service.');
  const window = { ...DEFAULT_APPOINTMENT_WINDOW, ...site.settings.appointmentWindow };
  const minutesEarly = (appointment.startsAt.getTime() - now.getTime()) / 60000;
  if (minutesEarly > window.earlyMinutes) {
    throw ruleBroken('appointment_too_early', `Check-in opens ${window.earlyMinutes} minutes before the appointment.`, {
      minutesBefore: window.earlyMinutes,
      startsAt: appointment.startsAt.toISOString(),
    });
  }
  if (-minutesEarly > window.lateMinutes) {
    throw ruleBroken('appointment_too_late', `Check-in closed ${window.lateMinutes} minutes after the appointment time.`, { minutesAfter: window.lateMinutes });
  }
  await repo.update(appointment.id, { status: 'checked-in' });
  return appointment.startsAt;
}
