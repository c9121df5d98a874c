import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@skranke/core';
import { JobName, QueueName, Queues, bookingPrintJob, printJob } from '@skranke/jobs';
import { Device, Ticket, WatchedCache } from '@skranke/persistence';

/**
 * After a kiosk issues a ticket: if the kiosk has a network printer, mark the
 * ticket's print pending and queue the ESC/POS job (retried with backoff). The
 * ticket is committed first, so a failed print never loses it; nor does the
 * answer wait for Redis: a job that does not reach it is queued again by the
 * ScheduleReconciler, which finds the print pending in the database.
 */
@Injectable()
export class PrintRequestService {
  /** The kiosk's printer address; any write to a device clears it in every instance. */
  private readonly devices = new WatchedCache<Device | null>(['device'], 60_000);
  private readonly logger = new Logger('PrintRequestService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: Queues,
  ) {}

  async afterIssue<T extends { id: string }>(ticket: T, actor: Actor, replayed = false): Promise<T & { printStatus: string | null }> {
    if (actor.kind !== 'device' || replayed) return { ...ticket, printStatus: await this.status(ticket.id) };
    const device = await this.devices.get(actor.deviceId, () => this.dataSource.getRepository(Device).findOneBy({ id: actor.deviceId }));
    if (!device?.printerAddress) return { ...ticket, printStatus: null };
    await this.dataSource.getRepository(Ticket).update(ticket.id, { printStatus: 'pending' });
    const { data, opts } = printJob(ticket.id, device.id);
    this.queues
      .get(QueueName.Print)
      .add(JobName.PrintTicket, data, opts)
      .catch((err: Error) => this.logger.warn(`print of ticket ${ticket.id} not queued yet: ${err.message}`));
    return { ...ticket, printStatus: 'pending' };
  }

  /**
   * After a kiosk books a time: queue its receipt when the kiosk has a network
   * printer. 'pending' (printing) or null (no printer); nothing is recorded,
   * as the code stays on the kiosk's screen whatever the printer does.
   */
  async afterBooking(appointmentId: string, actor: Actor, replayed = false): Promise<'pending' | null> {
    if (actor.kind !== 'device' || replayed) return null;
    const device = await this.devices.get(actor.deviceId, () => this.dataSource.getRepository(Device).findOneBy({ id: actor.deviceId }));
    if (!device?.printerAddress) return null;
    const { data, opts } = bookingPrintJob(appointmentId, device.id);
    this.queues
      .get(QueueName.Print)
      .add(JobName.PrintBooking, data, opts)
      .catch((err: Error) => this.logger.warn(`print of booking ${appointmentId} not queued: ${err.message}`));
    return 'pending';
  }

  /** What the kiosk polls after showing the number: pending, printed, failed, or null (no printer). */
  async printOf(ticketId: string): Promise<{ ticketId: string; printStatus: string | null }> {
    return { ticketId, printStatus: await this.status(ticketId) };
  }

  private async status(ticketId: string) {
    return (await this.dataSource.getRepository(Ticket).findOneBy({ id: ticketId }))?.printStatus ?? null;
  }
}
